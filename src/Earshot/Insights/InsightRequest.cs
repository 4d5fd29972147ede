using Earshot.Core.Posts;
using Earshot.Core.Wording;
using Earshot.Posts;

namespace Earshot.Insights;

/// <summary>
/// The insight filters as a caller writes them (API query string, page form, CLI options), checked in one place:
/// each mistake names its field. The period defaults to the last 7 days.
/// </summary>
public sealed record InsightRequest(DateTime? From, DateTime? To, string? Topic, string? Channel, string? Language, string? Sentiment, string? Intent)
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(7);
    public static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(400);

    public (InsightQuery? Query, Dictionary<string, Phrase[]> Errors) Check(IReadOnlyCollection<Guid>? workspaceIds, DateTime now)
    {
        var errors = new Dictionary<string, Phrase[]>();
        var to = To?.ToUniversalTime() ?? now;
        var from = From?.ToUniversalTime() ?? to - DefaultPeriod;
        if (from >= to)
            errors["from"] = [new Phrase("'from' must be before 'to'")];
        else if (to - from > LongestPeriod)
            errors["from"] = [new Phrase("the period is at most {0} days", LongestPeriod.TotalDays)];
        ChannelKind? channel = null;
        if (!string.IsNullOrWhiteSpace(Channel))
        {
            if (ChannelKinds.TryParse(Channel, out var kind))
                channel = kind;
            else
                errors["channel"] = [new Phrase("'{0}' is not a channel kind; use one of {1}", Channel, ChannelKinds.Expected)];
        }
        var sentiment = Blank(Sentiment)?.ToLowerInvariant();
        if (sentiment is not null && !PostFilter.Sentiments.Contains(sentiment))
            errors["sentiment"] = [new Phrase("'{0}' is not a sentiment; use one of {1}", Sentiment, string.Join(", ", PostFilter.Sentiments))];
        var intent = Blank(Intent)?.ToLowerInvariant();
        if (intent is not null && !PostFilter.Intents.Contains(intent))
            errors["intent"] = [new Phrase("'{0}' is not an intent; use one of {1}", Intent, string.Join(", ", PostFilter.Intents))];
        var language = Blank(Language)?.ToLowerInvariant();
        if (language is not null && (language.Length > 16 || !language.All(c => char.IsAsciiLetter(c) || c == '-')))
            errors["language"] = [new Phrase("'{0}' is not a language code such as 'en' or 'de'", Language)];
        if (errors.Count > 0)
            return (null, errors);
        var (alignedFrom, alignedTo) = InsightQuery.Aligned(from, to);
        return (new InsightQuery
        {
            WorkspaceIds = workspaceIds, From = alignedFrom, To = alignedTo, Topic = Blank(Topic)?.Trim(), Channel = channel,
            Language = language, Sentiment = sentiment, Intent = intent,
        }, errors);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
