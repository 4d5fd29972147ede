using System.Globalization;
using System.Text.Json;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Bluesky;

/// <summary>app.bsky.feed.post record (from Jetstream or a postView) → <see cref="IncomingPost"/>.</summary>
public static class BlueskyMapper
{
    public const string PostCollection = "app.bsky.feed.post";
    private const string Source = "bluesky post";

    public static string AtUri(string did, string rkey) => $"at://{did}/{PostCollection}/{rkey}";

    public static IncomingPost Map(string did, string rkey, JsonElement record, string rawPayload, BlueskyMapperOptions? options = null, BlueskyProfile? author = null) =>
        TryMap(did, rkey, record, rawPayload, options, author, out var post, out var error) ? post : throw new FormatException(error!.ToString());

    public static bool TryMap(string did, string rkey, JsonElement record, string rawPayload, BlueskyMapperOptions? options, BlueskyProfile? author,
        out IncomingPost post, out ConnectorError? error)
    {
        options ??= BlueskyMapperOptions.Default;
        post = null!;
        if (string.IsNullOrWhiteSpace(did) || string.IsNullOrWhiteSpace(rkey))
        {
            error = new ConnectorError(Source, "post has no DID or record key");
            return false;
        }
        if (!ConnectorJson.TryBind<BlueskyPostRecord>(Source, record, ConnectorJson.CamelCase, out var body, out error))
            return false;

        var text = body.Text ?? "";
        var spans = BlueskyFacets.Resolve(text, body.Facets, out _);
        var handle = author?.Handle ?? options.HandleOf(did);
        var rkeyForUrl = Uri.EscapeDataString(rkey);
        post = new IncomingPost
        {
            ExternalId = AtUri(did, rkey),
            Channel = ChannelKind.Bluesky,
            // The DID is the stable identity; handles are renamable and Jetstream does not send them.
            Author = did,
            AuthorDisplayName = string.IsNullOrWhiteSpace(author?.DisplayName) ? handle : author.DisplayName,
            AuthorFollowers = author?.FollowersCount,
            AuthorProfileUrl = $"https://bsky.app/profile/{handle ?? did}",
            Text = BlueskyFacets.ExpandLinks(text, spans),
            CreatedAt = ParseTime(body.CreatedAt),
            Url = $"https://bsky.app/profile/{handle ?? did}/post/{rkeyForUrl}",
            InReplyTo = body.Reply?.Parent?.Uri,
            Language = body.Langs is { Count: > 0 } langs && !string.IsNullOrWhiteSpace(langs[0]) ? langs[0] : null,
            IsBrand = options.BrandDids.Contains(did),
            RawPayload = rawPayload,
        };
        return true;
    }

    /// <summary>Splits at://did/collection/rkey; false for anything else.</summary>
    public static bool TrySplitAtUri(string? uri, out string did, out string collection, out string rkey)
    {
        did = collection = rkey = "";
        if (uri is null || !uri.StartsWith("at://", StringComparison.Ordinal))
            return false;
        var parts = uri["at://".Length..].Split('/');
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty))
            return false;
        (did, collection, rkey) = (parts[0], parts[1], parts[2]);
        return true;
    }

    // createdAt is client-supplied (seen: "Z", "+00:00", no fraction); an unreadable one means "when received".
    private static DateTime? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.UtcDateTime : null;
}
