namespace Earshot.Insights;

/// <summary>What the stream says over a period: the body of `GET /api/insights` and `earshot report insights`.</summary>
public sealed record InsightsReport(
    DateTime From,
    DateTime To,
    string Bucket,
    InsightsReport.Totals Posts,
    IReadOnlyList<InsightsReport.VolumePoint> Volume,
    IReadOnlyList<InsightsReport.TopicShare> ShareOfVoice,
    IReadOnlyList<InsightsReport.AspectTrend> Gripes,
    IReadOnlyList<InsightsReport.AspectTrend> Delights,
    IReadOnlyList<InsightsReport.SwitcherCount> Switchers,
    IReadOnlyList<InsightsReport.Person> Evangelists,
    IReadOnlyList<InsightsReport.Person> Detractors,
    IReadOnlyList<InsightsReport.TopicTerms> EmergingTerms,
    InsightsReport.DayWindow AspectsAndPeople)
{
    /// <summary>The period's posts and the period before's, for comparison.</summary>
    public sealed record Totals(long Posts, long Negative, long Positive, long PreviousPosts, long PreviousNegative, long PreviousPositive);

    public sealed record VolumePoint(DateTime Bucket, long Posts, long Negative, long Positive);

    /// <param name="Share">Of the brand and competitor topics' posts together; the shares sum to 1.</param>
    /// <param name="NetSentiment">(positive − negative) / posts, from −1 to 1.</param>
    public sealed record TopicShare(string Topic, string Kind, long Posts, double Share, double NetSentiment, double PreviousShare);

    /// <param name="Change">Relative to the period before (0.5 = half as many again); null when the aspect is new.</param>
    public sealed record AspectTrend(string Aspect, long Posts, long PreviousPosts, double? Change, bool New, IReadOnlyList<Example> Examples);

    public sealed record SwitcherCount(string Competitor, long Posts, IReadOnlyList<Example> Examples);

    /// <param name="Followers">Shown beside the person; never what they are ranked by.</param>
    public sealed record Person(Guid AuthorId, string Author, string? Name, string Channel, long? Followers, long Posts, long Positive, long Negative);

    public sealed record TopicTerms(string Topic, IReadOnlyList<Term> Terms);

    public sealed record Term(string Text, long Posts, long PreviousPosts, bool New);

    public sealed record Example(Guid Id, string Author, string Text, DateTime CreatedAt);

    /// <summary>Aspects and people are counted per day, so their figures cover these whole days.</summary>
    public sealed record DayWindow(DateTime From, DateTime To);
}
