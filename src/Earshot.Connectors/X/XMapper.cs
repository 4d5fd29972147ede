using System.Text.Json;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.X;

/// <summary>X API v2 post ("tweet") → <see cref="IncomingPost"/>.</summary>
public static class XMapper
{
    private const string Source = "x post";

    public static IncomingPost Map(XTweet tweet, XIncludes? includes, string rawPayload, XMapperOptions? options = null) =>
        TryMap(tweet, includes, rawPayload, options, out var post, out var error) ? post : throw new FormatException(error!.ToString());

    /// <summary>Maps a document shaped like a filtered-stream line: {"data":{...},"includes":{...}}.</summary>
    public static bool TryMap(string json, XMapperOptions? options, out IncomingPost post, out string error)
    {
        post = null!;
        error = "";
        if (!ConnectorJson.TryParse(Source, json, out var document, out var parseError))
        {
            error = parseError!.ToString();
            return false;
        }
        using (document)
        {
            if (!ConnectorJson.TryBind<XEnvelope<XTweet>>(Source, document.RootElement, XJson.Options, out var envelope, out var bindError))
            {
                error = bindError!.ToString();
                return false;
            }
            if (envelope.Data is null)
            {
                error = new ConnectorError(Source, "no data object", Path: "$.data").ToString();
                return false;
            }
            var ok = TryMap(envelope.Data, envelope.Includes, document.RootElement.GetProperty("data").GetRawText(), options, out post, out var mapError);
            error = mapError?.ToString() ?? "";
            return ok;
        }
    }

    public static bool TryMap(XTweet tweet, XIncludes? includes, string rawPayload, XMapperOptions? options, out IncomingPost post, out ConnectorError? error)
    {
        options ??= XMapperOptions.Default;
        post = null!;
        if (string.IsNullOrWhiteSpace(tweet.Id))
        {
            error = new ConnectorError(Source, "post has no id", Path: "$.data.id");
            return false;
        }
        // includes may be absent, or lack the author (suspended, protected): fall back to the id we have.
        var user = tweet.AuthorId is null ? null : includes?.Users?.FirstOrDefault(u => u?.Id == tweet.AuthorId);
        var author = user?.Username ?? tweet.AuthorId ?? "unknown";
        var replyTo = tweet.ReferencedTweets?.FirstOrDefault(r => string.Equals(r?.Type, "replied_to", StringComparison.Ordinal))?.Id;
        post = new IncomingPost
        {
            ExternalId = tweet.Id,
            Channel = ChannelKind.X,
            Author = author,
            AuthorDisplayName = user?.Name,
            AuthorFollowers = user?.PublicMetrics?.FollowersCount,
            AuthorProfileUrl = user?.Username is { } name ? $"https://x.com/{name}" : null,
            Text = tweet.Text ?? "",
            CreatedAt = tweet.CreatedAt?.UtcDateTime,
            Url = user?.Username is { } handle ? $"https://x.com/{handle}/status/{tweet.Id}" : $"https://x.com/i/web/status/{tweet.Id}",
            InReplyTo = replyTo,
            Language = string.IsNullOrWhiteSpace(tweet.Lang) || tweet.Lang == "und" ? null : tweet.Lang,
            IsBrand = tweet.AuthorId is not null && options.BrandUserIds.Contains(tweet.AuthorId),
            RawPayload = rawPayload,
        };
        error = null;
        return true;
    }

    /// <summary>
    /// An edit arrives as a new post with a new id; <c>edit_history_tweet_ids</c> lists oldest → newest,
    /// so the first id names the original the edit revises (null when this is not an edit).
    /// </summary>
    public static string? EditOf(XTweet tweet) =>
        tweet.EditHistoryTweetIds is { Count: > 1 } history && history[0] != tweet.Id ? history[0] : null;
}
