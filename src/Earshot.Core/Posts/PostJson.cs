using System.Globalization;
using System.Text.Json;

namespace Earshot.Core.Posts;

/// <summary>
/// Reads one object of the JSONL post format. Required: id, channel, author, text. Unknown fields are kept,
/// because the raw payload is stored verbatim.
/// </summary>
public static class PostJson
{
    public const int MaxTextLength = 100_000;
    public const int MaxIdLength = 512;

    /// <summary>
    /// Reads a request's posts: the valid ones, and the invalid fields' messages keyed by item and field ("[2].text"),
    /// or, when <paramref name="indexed"/> is false (one post sent alone), by field ("text"; "body" for the post itself).
    /// </summary>
    public static (List<IncomingPost> Accepted, Dictionary<string, string[]> Errors) ReadAll(IReadOnlyList<JsonElement> items, bool indexed)
    {
        var accepted = new List<IncomingPost>(items.Count);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < items.Count; i++)
        {
            var (post, fieldErrors) = Read(items[i], items[i].GetRawText());
            if (post is not null)
                accepted.Add(post);
            foreach (var group in fieldErrors.GroupBy(e => e.Field))
            {
                var key = indexed ? $"[{i}].{group.Key}".TrimEnd('.') : (group.Key.Length == 0 ? "body" : group.Key);
                errors[key] = group.Select(e => e.Message).ToArray();
            }
        }
        return (accepted, errors);
    }

    public static (IncomingPost? Post, IReadOnlyList<FieldError> Errors) Read(JsonElement item, string rawPayload)
    {
        var errors = new List<FieldError>();
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("", $"expected a JSON object, found {Describe(item.ValueKind)}"));
            return (null, errors);
        }

        var id = RequiredString(item, "id", MaxIdLength, errors, allowNumber: true);
        var channelName = RequiredString(item, "channel", 64, errors);
        var author = RequiredString(item, "author", 256, errors);
        var text = RequiredString(item, "text", MaxTextLength, errors, allowEmpty: true);
        var channel = ChannelKind.Api;
        if (channelName is not null && !ChannelKinds.TryParse(channelName, out channel))
            errors.Add(new("channel", $"unknown channel '{channelName}'; expected one of {ChannelKinds.Expected}"));

        var followers = OptionalInt(item, "author_followers", errors);
        var createdAt = OptionalTime(item, "created_at", errors);
        var url = OptionalString(item, "url", 2048, errors);
        var inReplyTo = OptionalString(item, "in_reply_to", MaxIdLength, errors, allowNumber: true);
        var lang = OptionalString(item, "lang", 16, errors);
        var displayName = OptionalString(item, "author_name", 256, errors);
        var isBrand = OptionalBool(item, "is_brand", errors);

        if (errors.Count > 0)
            return (null, errors);

        return (new IncomingPost
        {
            ExternalId = id!,
            Channel = channel,
            Author = author!,
            Text = text!,
            AuthorFollowers = followers,
            AuthorDisplayName = displayName,
            CreatedAt = createdAt,
            Url = url,
            InReplyTo = inReplyTo,
            Language = lang,
            IsBrand = isBrand ?? false,
            RawPayload = rawPayload,
        }, errors);
    }

    private static string? RequiredString(
        JsonElement item, string name, int maxLength, List<FieldError> errors, bool allowNumber = false, bool allowEmpty = false)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new(name, $"'{name}' is required"));
            return null;
        }
        var text = StringValue(value, name, maxLength, errors, allowNumber);
        if (text is not null && !allowEmpty && text.Trim().Length == 0)
        {
            errors.Add(new(name, $"'{name}' must not be empty"));
            return null;
        }
        if (text is not null && allowEmpty && text.Length == 0)
        {
            errors.Add(new(name, $"'{name}' must not be empty"));
            return null;
        }
        return text;
    }

    private static string? OptionalString(
        JsonElement item, string name, int maxLength, List<FieldError> errors, bool allowNumber = false)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        var text = StringValue(value, name, maxLength, errors, allowNumber);
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static string? StringValue(JsonElement value, string name, int maxLength, List<FieldError> errors, bool allowNumber)
    {
        string? decoded = null;
        if (value.ValueKind == JsonValueKind.String && !TryGetString(value, out decoded))
        {
            errors.Add(new(name, $"'{name}' has a \\u escape of half a surrogate pair (\\uD800-\\uDFFF) without the other half"));
            return null;
        }
        string? text = value.ValueKind switch
        {
            JsonValueKind.String => decoded,
            // Snowflake ids arrive as numbers from some exporters; keep their exact digits.
            JsonValueKind.Number when allowNumber => value.GetRawText(),
            _ => null,
        };
        if (text is null)
        {
            errors.Add(new(name, $"'{name}' must be a string, found {Describe(value.ValueKind)}"));
            return null;
        }
        if (text.Length > maxLength)
        {
            errors.Add(new(name, $"'{name}' is {text.Length} characters long; at most {maxLength} are allowed"));
            return null;
        }
        return text;
    }

    // System.Text.Json refuses to unescape an unpaired surrogate (\ud800 alone); that is the client's mistake, not ours.
    private static bool TryGetString(JsonElement value, out string? text)
    {
        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static int? OptionalInt(JsonElement item, string name, List<FieldError> errors)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0)
            return (int)Math.Min(number, int.MaxValue);
        if (value.ValueKind == JsonValueKind.String && TryGetString(value, out var digits)
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number))
            return (int)Math.Min(number, int.MaxValue);
        errors.Add(new(name, $"'{name}' must be a whole number of at least 0"));
        return null;
    }

    private static bool? OptionalBool(JsonElement item, string name, List<FieldError> errors)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        errors.Add(new(name, $"'{name}' must be true or false"));
        return null;
    }

    private static DateTime? OptionalTime(JsonElement item, string name, List<FieldError> errors)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String && TryGetString(value, out var given) && Timestamps.TryParse(given, out var time))
            return time;
        errors.Add(new(name, $"'{name}' must be an ISO 8601 time such as 2026-01-05T10:00:00Z"));
        return null;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
