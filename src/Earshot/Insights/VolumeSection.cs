using Earshot.Core.Insights;
using Earshot.Core.Topics;

namespace Earshot.Insights;

/// <summary>Posts over time, by sentiment, with the period before; and share of voice among brand and competitors.</summary>
internal static class VolumeSection
{
    private sealed record Cell(Guid TopicId, DateTime Bucket, string Sentiment, long Posts);

    public static async Task<(IReadOnlyList<InsightsReport.VolumePoint> Points, InsightsReport.Totals Totals)> OverTimeAsync(
        EarshotDbContext db, RollupSlice slice, CancellationToken cancellationToken)
    {
        var q = slice.Query;
        var cells = await CellsAsync(db, slice, slice.TopicIds, byBucket: true, cancellationToken);
        var step = q.Span == BucketSpan.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        var byBucket = cells.Where(c => c.Bucket >= q.From).ToLookup(c => c.Bucket);
        var points = new List<InsightsReport.VolumePoint>();
        for (var bucket = q.From; bucket < q.To; bucket += step)
        {
            var now = byBucket[bucket].ToList();
            points.Add(new InsightsReport.VolumePoint(bucket, now.Sum(c => c.Posts), Sum(now, "negative"), Sum(now, "positive")));
        }
        var before = cells.Where(c => c.Bucket < q.From).ToList();
        var totals = new InsightsReport.Totals(
            points.Sum(p => p.Posts), points.Sum(p => p.Negative), points.Sum(p => p.Positive),
            before.Sum(c => c.Posts), Sum(before, "negative"), Sum(before, "positive"));
        return (points, totals);
    }

    /// <summary>Brand and competitor topics' posts, share and net sentiment, now and in the period before.</summary>
    public static async Task<IReadOnlyList<InsightsReport.TopicShare>> ShareOfVoiceAsync(EarshotDbContext db, RollupSlice slice, CancellationToken cancellationToken)
    {
        var contenders = slice.Topics.Where(t => t.Kind is TopicKind.Brand or TopicKind.Competitor).ToList();
        if (contenders.Count == 0)
            return [];
        var cells = await CellsAsync(db, slice, [.. contenders.Select(t => t.Id)], byBucket: false, cancellationToken);
        var from = slice.Query.From;
        // One contender per name: a brand kept as a topic in two workspaces is one brand.
        var named = contenders.GroupBy(t => t.Name, StringComparer.Ordinal).Select(g =>
        {
            var ids = g.Select(t => t.Id).ToHashSet();
            var now = cells.Where(c => ids.Contains(c.TopicId) && c.Bucket >= from).ToList();
            var posts = now.Sum(c => c.Posts);
            var net = posts == 0 ? 0 : (double)(Sum(now, "positive") - Sum(now, "negative")) / posts;
            return (Name: g.Key, g.First().Kind, Posts: posts, Previous: cells.Where(c => ids.Contains(c.TopicId) && c.Bucket < from).Sum(c => c.Posts), Net: net);
        }).ToList();
        var total = named.Sum(t => t.Posts);
        var previousTotal = named.Sum(t => t.Previous);
        return named
            .Select(t => new InsightsReport.TopicShare(t.Name, t.Kind.WireName(), t.Posts, Ratio(t.Posts, total), Math.Round(t.Net, 4), Ratio(t.Previous, previousTotal)))
            .OrderByDescending(t => t.Posts).ThenBy(t => t.Topic, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Posts per topic and sentiment over the period and the one before. Without <paramref name="byBucket"/> the
    /// buckets fold into two, before and within the period (the bucket is then the period's start or the one before's).
    /// </summary>
    private static async Task<List<Cell>> CellsAsync(EarshotDbContext db, RollupSlice slice, IReadOnlyList<Guid> topicIds, bool byBucket, CancellationToken cancellationToken)
    {
        var q = slice.Query;
        var (span, from, previous) = (q.Span, q.From, q.PreviousFrom);
        var rows = slice.Rows(db.VolumeRollups, topicIds, q.PreviousFrom, q.To).Where(r => r.Span == span);
        return byBucket
            ? await rows.GroupBy(r => new { r.TopicId, r.Bucket, r.Sentiment })
                .Select(g => new Cell(g.Key.TopicId, g.Key.Bucket, g.Key.Sentiment, g.Sum(r => r.Posts))).ToListAsync(cancellationToken)
            : await rows.GroupBy(r => new { r.TopicId, Now = r.Bucket >= from, r.Sentiment })
                .Select(g => new Cell(g.Key.TopicId, g.Key.Now ? from : previous, g.Key.Sentiment, g.Sum(r => r.Posts))).ToListAsync(cancellationToken);
    }

    private static long Sum(IEnumerable<Cell> cells, string sentiment) => cells.Where(c => c.Sentiment == sentiment).Sum(c => c.Posts);

    internal static double Ratio(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
