using System.Globalization;
using System.Text.Json;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Facebook;

/// <summary>
/// Maps a Meta webhook body (`object: page` feed changes, `object: instagram` comments) to what Earshot does with
/// each change. Pure: no I/O, so golden tests run the fixtures straight through it.
/// </summary>
public static class MetaPushMapper
{
    /// <summary>The delivery's entries; throws <see cref="JsonException"/> when the body is not a Meta delivery.</summary>
    public static IReadOnlyList<MetaEntry> Map(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var kind = ObjectKind(root);
        if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
            throw new JsonException("a Meta delivery has an 'entry' array");
        var mapped = new List<MetaEntry>();
        foreach (var entry in entries.EnumerateArray())
        {
            var accountId = Text(entry, "id") ?? throw new JsonException("an entry without an 'id'");
            var time = entry.TryGetProperty("time", out var t) ? EpochOrIso(t) : null;
            var changes = new List<MetaChange>();
            if (entry.TryGetProperty("changes", out var list) && list.ValueKind == JsonValueKind.Array)
                changes.AddRange(list.EnumerateArray().Select(change => MapChange(kind, accountId, time, change)));
            if (entry.TryGetProperty("messaging", out _))
                changes.Add(MetaChange.Ignored("Messenger messages are not handled by this channel"));
            mapped.Add(new MetaEntry(kind, accountId, changes));
        }
        return mapped;
    }

    /// <summary>The account ids a delivery names, to find the channels (and secrets) before anything is trusted.</summary>
    public static (ChannelKind Kind, IReadOnlyList<string> AccountIds) Accounts(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var ids = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("entry", out var entries) && entries.ValueKind == JsonValueKind.Array
            ? entries.EnumerateArray().Select(e => Text(e, "id")).OfType<string>().Distinct(StringComparer.Ordinal).ToList()
            : [];
        return (ObjectKind(root), ids);
    }

    private static ChannelKind ObjectKind(JsonElement root) => Text(root, "object") switch
    {
        "page" => ChannelKind.Facebook,
        "instagram" => ChannelKind.Instagram,
        var other => throw new JsonException($"object '{other}' is not a Page or Instagram delivery"),
    };

    private static MetaChange MapChange(ChannelKind kind, string accountId, DateTime? entryTime, JsonElement change)
    {
        var field = Text(change, "field");
        if (change.ValueKind != JsonValueKind.Object || !change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
            return MetaChange.Ignored($"a '{field}' change without a value");
        return (kind, field) switch
        {
            (ChannelKind.Facebook, "feed") => MapFeed(accountId, value, change.GetRawText()),
            (ChannelKind.Instagram, "comments" or "live_comments") => MapInstagramComment(accountId, entryTime, value, change.GetRawText()),
            _ => MetaChange.Ignored($"field '{field}' is not handled"),
        };
    }

    private static MetaChange MapFeed(string pageId, JsonElement value, string raw)
    {
        var item = Text(value, "item");
        var verb = Text(value, "verb");
        if (item is "reaction" or "like")
            return MetaChange.Ignored("reactions are not posts");
        var id = item == "comment" ? Text(value, "comment_id") : Text(value, "post_id");
        if (id is null)
            return MetaChange.Ignored($"a '{item}' change without an id");
        var fromId = value.TryGetProperty("from", out var from) ? Text(from, "id") : null;
        switch (verb)
        {
            case "remove":
                return new MetaChange(MetaAction.Remove, id);
            case "hide":
                return new MetaChange(MetaAction.Hide, id);
            case "unhide":
                return new MetaChange(MetaAction.Unhide, id);
            case not ("add" or "edited"):
                return MetaChange.Ignored($"verb '{verb}' is not handled");
        }
        // The Page's own comments and posts (our replies among them) must never come back as customer posts.
        if (fromId is null || fromId == pageId)
            return MetaChange.Ignored(fromId is null ? "no author" : "written by the Page itself");
        return new MetaChange(MetaAction.Upsert, id, new IncomingPost
        {
            ExternalId = id,
            Channel = ChannelKind.Facebook,
            Author = fromId,
            AuthorDisplayName = Text(from, "name"),
            Text = Text(value, "message") ?? Attachment(value),
            CreatedAt = value.TryGetProperty("created_time", out var created) ? EpochOrIso(created) : null,
            // A top-level comment's parent is the post, a reply's is the comment it answers.
            InReplyTo = item == "comment" ? Text(value, "parent_id") ?? Text(value, "post_id") : null,
            Url = item == "comment" ? null : Text(value, "permalink_url"),
            RawPayload = raw,
        });
    }

    private static MetaChange MapInstagramComment(string accountId, DateTime? entryTime, JsonElement value, string raw)
    {
        var id = Text(value, "id");
        if (id is null)
            return MetaChange.Ignored("a comment without an id");
        var from = value.TryGetProperty("from", out var f) ? f : default;
        var fromId = from.ValueKind == JsonValueKind.Object ? Text(from, "id") : null;
        if (fromId is null || fromId == accountId)
            return MetaChange.Ignored(fromId is null ? "no author" : "written by the account itself");
        var username = Text(from, "username");
        var mediaId = value.TryGetProperty("media", out var media) ? Text(media, "id") : null;
        return new MetaChange(MetaAction.Upsert, id, new IncomingPost
        {
            ExternalId = id,
            Channel = ChannelKind.Instagram,
            Author = username ?? fromId,
            AuthorDisplayName = username,
            AuthorProfileUrl = username is null ? null : "https://www.instagram.com/" + username,
            Text = Text(value, "text") ?? "",
            // Instagram comment payloads carry no time of their own; the entry's is when it happened.
            CreatedAt = entryTime,
            InReplyTo = Text(value, "parent_id") ?? mediaId,
            RawPayload = raw,
        });
    }

    // Photo, sticker and GIF comments have no message; say what they carry instead of storing nothing.
    private static string Attachment(JsonElement value) =>
        Text(value, "photo") is { } photo ? "[photo] " + photo
        : Text(value, "video") is { } video ? "[video] " + video
        : "";

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetStringLenient(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    // The last second DateTime can hold (9999-12-31T23:59:59Z); a larger time in a payload is no time at all.
    private const long MaxUnixSeconds = 253402300799;

    // `created_time` is epoch seconds in feed changes, but ISO with +0000 elsewhere in the Graph API.
    private static DateTime? EpochOrIso(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && seconds is >= 0 and < MaxUnixSeconds ? DateTime.UnixEpoch.AddSeconds(seconds)
        : value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetStringLenient(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var time) ? time.UtcDateTime
        : null;
}
