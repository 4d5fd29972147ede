using System.Text.Json;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Reddit;

/// <summary>A mapped item with the Reddit facts IncomingPost has no field for.</summary>
public sealed record RedditItem(IncomingPost Post, string Fullname, string? Subreddit, DateTime? EditedAt);

/// <summary>
/// One listing page. Poll for newer items with before=<see cref="Before"/> (or the newest fullname seen);
/// walk older with after=<see cref="After"/>. Both null on the last page.
/// </summary>
public sealed record RedditListingPage(IReadOnlyList<RedditItem> Items, string? Before, string? After, IReadOnlyList<ConnectorError> Errors)
{
    public IEnumerable<IncomingPost> Posts => Items.Select(i => i.Post);
}

/// <summary>Reddit listing JSON (fetched with raw_json=1, so text is not HTML-escaped) → <see cref="IncomingPost"/>.</summary>
public static class RedditMapper
{
    private const string Source = "reddit";

    public static IncomingPost Map(JsonElement thing, RedditMapperOptions? options = null) =>
        TryMap(thing, options, out var item, out var error) ? item.Post : throw new FormatException(error!.ToString());

    public static bool TryMap(string json, RedditMapperOptions? options, out IncomingPost post, out string error)
    {
        post = null!;
        if (!ConnectorJson.TryParse(Source, json, out var document, out var parseError))
        {
            error = parseError!.ToString();
            return false;
        }
        using (document)
        {
            var ok = TryMap(document.RootElement, options, out var item, out var mapError);
            post = item?.Post!;
            error = mapError?.ToString() ?? "";
            return ok;
        }
    }

    /// <summary>Maps one thing: {"kind":"t3"|"t1","data":{...}}.</summary>
    public static bool TryMap(JsonElement thing, RedditMapperOptions? options, out RedditItem item, out ConnectorError? error)
    {
        options ??= RedditMapperOptions.Default;
        item = null!;
        var kind = thing.String("kind");
        if (kind is not ("t3" or "t1") || !thing.TryGetProperty("data", out var dataElement))
        {
            error = new ConnectorError(Source, $"expected a t3 or t1 thing, found kind '{kind ?? "(none)"}'", Path: "$.kind");
            return false;
        }
        if (!ConnectorJson.TryBind<RedditItemData>(Source, dataElement, ConnectorJson.SnakeCase, out var data, out error))
        {
            error = error! with { Path = "$.data" + error.Path?.TrimStart('$') };
            return false;
        }
        if (string.IsNullOrWhiteSpace(data.Name))
        {
            error = new ConnectorError(Source, $"{kind} {data.Id ?? "(no id)"} has no fullname", Path: "$.data.name");
            return false;
        }

        var author = string.IsNullOrWhiteSpace(data.Author) ? "[deleted]" : data.Author;
        var post = new IncomingPost
        {
            ExternalId = data.Name,
            Channel = ChannelKind.Reddit,
            Author = author,
            AuthorProfileUrl = author == "[deleted]" ? null : $"https://www.reddit.com/user/{author}",
            Text = kind == "t3" ? SubmissionText(data) : data.Body ?? "",
            CreatedAt = FromEpoch(data.CreatedUtc),
            Url = string.IsNullOrEmpty(data.Permalink) ? null : "https://www.reddit.com" + data.Permalink,
            // A comment answers its parent (t3_ = the submission, t1_ = another comment).
            InReplyTo = kind == "t1" ? data.ParentId : null,
            Language = string.IsNullOrWhiteSpace(data.Lang) ? null : data.Lang,
            IsBrand = options.BrandUsers.Contains(author),
            RawPayload = thing.GetRawText(),
        };
        var edited = data.Edited is { ValueKind: JsonValueKind.Number } e && e.TryGetDouble(out var seconds) ? FromEpoch(seconds) : null;
        item = new RedditItem(post, data.Name, data.Subreddit, edited);
        error = null;
        return true;
    }

    public static RedditListingPage MapListing(string json, RedditMapperOptions? options = null)
    {
        if (!ConnectorJson.TryParse(Source, json, out var document, out var parseError))
            return new RedditListingPage([], null, null, [parseError!]);
        using (document)
        {
            var root = document.RootElement;
            if (root.String("kind") != "Listing" || !root.TryGetProperty("data", out var data)
                || !ConnectorJson.TryBind<RedditListingData>(Source, data, ConnectorJson.SnakeCase, out var listing, out _))
                return new RedditListingPage([], null, null, [new ConnectorError(Source, "not a Listing", Path: "$.kind")]);
            var items = new List<RedditItem>();
            var errors = new List<ConnectorError>();
            var index = 0;
            foreach (var child in listing.Children ?? [])
            {
                var path = $"$.data.children[{index++}]";
                // Listings can hold kinds we do not map (t5 subreddits in search); skip those quietly.
                if (child.String("kind") is { } kind && kind is not ("t3" or "t1"))
                    continue;
                if (TryMap(child, options, out var item, out var error))
                    items.Add(item);
                else
                    errors.Add(error! with { Path = path + error.Path?.TrimStart('$') });
            }
            return new RedditListingPage(items, listing.Before, listing.After, errors);
        }
    }

    // A link post's own text is empty; the title and the link are what people react to.
    private static string SubmissionText(RedditItemData data)
    {
        var title = data.Title?.Trim() ?? "";
        var body = data.Selftext?.Trim() ?? "";
        var isLink = data.IsSelf == false && !string.IsNullOrEmpty(data.Url) && !body.Contains(data.Url, StringComparison.Ordinal);
        var parts = new[] { title, body, isLink ? data.Url! : "" }.Where(p => p.Length > 0);
        return string.Join("\n\n", parts);
    }

    private static DateTime? FromEpoch(double? seconds) =>
        seconds is { } s && double.IsFinite(s) && s is > 0 and < 253402300799
            ? DateTime.UnixEpoch.AddTicks((long)Math.Round(s * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero))
            : null;
}
