using Earshot.Core.Posts;
using Earshot.Core.Topics.Query;
using Earshot.Posts;

namespace Earshot.Api;

/// <summary>Reads <see cref="PostFilter"/> from a query string, naming the parameter in every error.</summary>
public static class PostFilterBinder
{
    /// <summary>QueryError: a search that does not parse, with its column (also in Errors under the parameter's name).</summary>
    public static (PostFilter? Filter, Dictionary<string, Phrase[]> Errors, QueryError? QueryError) Bind(IQueryCollection query)
    {
        var errors = new Dictionary<string, Phrase[]>();
        string? Get(string name) => query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;

        ChannelKind? channel = null;
        if (Get("channel") is { } channelName)
        {
            if (ChannelKinds.TryParse(channelName, out var kind))
                channel = kind;
            else
                errors["channel"] = [new Phrase("unknown channel '{0}'; expected one of {1}", channelName, ChannelKinds.Expected)];
        }
        var sentiment = OneOf(Get("sentiment"), "sentiment", PostFilter.Sentiments, errors);
        var intent = OneOf(Get("intent"), "intent", PostFilter.Intents, errors);
        var language = Get("language")?.ToLowerInvariant();
        if (language is not null && (language.Length > 16 || !language.All(c => char.IsAsciiLetter(c) || c == '-')))
            errors["language"] = [new Phrase("'language' must be a language code such as en or de")];
        var aspect = Get("aspect") is { } named ? Core.Understanding.Aspects.AspectNames.Normalise(named) ?? named.ToLowerInvariant() : null;
        Guid? author = null;
        if (Get("author") is { } authorText)
        {
            if (Guid.TryParse(authorText, out var authorId))
                author = authorId;
            else
                errors["author"] = [new Phrase("'author' must be an author id, as the insight pages link it")];
        }
        var switchers = false;
        if (Get("switchers") is { } switcherText && !bool.TryParse(switcherText, out switchers))
            errors["switchers"] = [new Phrase("'switchers' must be true or false")];
        var from = Time(Get("from"), "from", errors);
        var to = Time(Get("to"), "to", errors);
        var limit = 50;
        if (Get("limit") is { } limitText
            && (!int.TryParse(limitText, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > PostFilter.MaxLimit))
            errors["limit"] = [new Phrase("'limit' must be a whole number from 1 to {0}", PostFilter.MaxLimit)];
        if (!PostCursor.TryDecode(Get("cursor"), out var cursor))
            errors["cursor"] = [new Phrase("'cursor' is not a cursor this API returned; use next_cursor from a previous page")];

        // q (or text, its older name) is the listening query language: a plain word is a stemmed term.
        var searchName = Get("q") is not null ? "q" : "text";
        var search = Get(searchName);
        QueryNode? parsed = null;
        QueryError? queryError = null;
        if (search is not null && !QueryParser.TryParse(search, out parsed, out queryError))
            errors[searchName] = [TopicsApi.QueryMessage(queryError!)];

        if (errors.Count > 0)
            return (null, errors, queryError);
        return (new PostFilter
        {
            Workspace = Get("workspace"),
            Channel = channel,
            Topic = Get("topic"),
            Sentiment = sentiment,
            Intent = intent,
            Language = language,
            Aspect = aspect,
            AuthorId = author,
            Switchers = switchers,
            From = from,
            To = to,
            Text = search,
            Query = parsed,
            After = cursor,
            Limit = limit,
        }, errors, null);
    }

    private static string? OneOf(string? value, string name, string[] allowed, Dictionary<string, Phrase[]> errors)
    {
        if (value is null)
            return null;
        var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
            errors[name] = [new Phrase("'{0}' must be one of {1}", name, string.Join(", ", allowed))];
        return match;
    }

    private static DateTime? Time(string? value, string name, Dictionary<string, Phrase[]> errors)
    {
        if (value is null)
            return null;
        if (Timestamps.TryParse(value, out var time))
            return time;
        errors[name] = [new Phrase("'{0}' must be an ISO 8601 time such as 2026-01-05T10:00:00Z", name)];
        return null;
    }
}
