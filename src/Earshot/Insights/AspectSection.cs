namespace Earshot.Insights;

/// <summary>
/// Gripes (aspects talked about negatively), delights (positively) and each topic's emerging terms (aspects that grew
/// most against the period before), from the daily aspect rollups.
/// </summary>
internal static class AspectSection
{
    public const int Top = 10;
    public const int TermsPerTopic = 5;
    /// <summary>An emerging term is talked about at least this often in the period.</summary>
    public const int MinimumForTerm = 3;

    private sealed record Count(Guid TopicId, string Aspect, bool Now, long Posts);

    public static async Task<IReadOnlyList<InsightsReport.AspectTrend>> TrendAsync(
        EarshotDbContext db, RollupSlice slice, string sentiment, Examples examples, CancellationToken cancellationToken)
    {
        if (slice.Query.Sentiment is { } only && only != sentiment)
            return [];
        var counts = await CountsAsync(db, slice, slice.TopicIds, sentiment, cancellationToken);
        var top = counts.Where(c => c.Now).GroupBy(c => c.Aspect, StringComparer.Ordinal)
            .Select(g => (Aspect: g.Key, Posts: g.Sum(c => c.Posts))).Where(a => a.Posts > 0)
            .OrderByDescending(a => a.Posts).ThenBy(a => a.Aspect, StringComparer.Ordinal).Take(Top).ToList();
        var (from, to) = slice.Query.Days;
        // With nothing counted before (a new workspace, a first week), nothing is "new": there is no before to compare.
        var anyBefore = counts.Any(c => !c.Now && c.Posts > 0);
        var latest = await examples.ForAspectsAsync(db, slice, [.. top.Select(a => a.Aspect)], sentiment, from, to, cancellationToken);
        return top.Select(a =>
        {
            var before = counts.Where(c => !c.Now && c.Aspect == a.Aspect).Sum(c => c.Posts);
            return new InsightsReport.AspectTrend(a.Aspect, a.Posts, before, before == 0 ? null : Math.Round((double)(a.Posts - before) / before, 4),
                before == 0 && anyBefore, latest.GetValueOrDefault(a.Aspect, []));
        }).ToList();
    }

    /// <summary>Per topic, the aspects that grew most against the period before (new ones first among equals).</summary>
    public static async Task<IReadOnlyList<InsightsReport.TopicTerms>> EmergingAsync(EarshotDbContext db, RollupSlice slice, CancellationToken cancellationToken)
    {
        var topics = slice.TopicIds.Contains(Guid.Empty) ? slice.Topics : slice.Topics.Where(t => slice.TopicIds.Contains(t.Id)).ToList();
        if (topics.Count == 0)
            return [];
        var counts = await CountsAsync(db, slice, [.. topics.Select(t => t.Id)], null, cancellationToken);
        var byTopic = counts.ToLookup(c => c.TopicId);
        var anyBefore = counts.Any(c => !c.Now && c.Posts > 0);
        return topics.GroupBy(t => t.Name, StringComparer.Ordinal).Select(g =>
        {
            var mine = g.SelectMany(t => byTopic[t.Id]).ToList();
            var terms = mine.GroupBy(c => c.Aspect, StringComparer.Ordinal)
                .Select(a => new InsightsReport.Term(a.Key, a.Where(c => c.Now).Sum(c => c.Posts), a.Where(c => !c.Now).Sum(c => c.Posts), false))
                .Where(t => t.Posts >= MinimumForTerm && t.Posts > t.PreviousPosts)
                .Select(t => t with { New = t.PreviousPosts == 0 && anyBefore })
                // Growth with a floor, so one post becoming three does not outrank fifty becoming two hundred.
                .OrderByDescending(t => (double)(t.Posts - t.PreviousPosts) / Math.Max(t.PreviousPosts, MinimumForTerm))
                .ThenByDescending(t => t.Posts).ThenBy(t => t.Text, StringComparer.Ordinal)
                .Take(TermsPerTopic).ToList();
            return new InsightsReport.TopicTerms(g.Key, terms);
        }).Where(t => t.Terms.Count > 0).ToList();
    }

    private static async Task<List<Count>> CountsAsync(
        EarshotDbContext db, RollupSlice slice, IReadOnlyList<Guid> topicIds, string? sentiment, CancellationToken cancellationToken)
    {
        var (from, to) = slice.Query.Days;
        var previous = from - (to - from);
        var rows = slice.Rows(db.AspectRollups, topicIds, previous, to);
        if (sentiment is not null)
            rows = rows.Where(r => r.Sentiment == sentiment);
        return await rows.GroupBy(r => new { r.TopicId, r.Aspect, Now = r.Bucket >= from })
            .Select(g => new Count(g.Key.TopicId, g.Key.Aspect, g.Key.Now, g.Sum(r => r.Posts)))
            .ToListAsync(cancellationToken);
    }
}
