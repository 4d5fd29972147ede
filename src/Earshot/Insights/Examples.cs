using Earshot.Core.Insights;

namespace Earshot.Insights;

/// <summary>
/// Example posts behind a figure, found through the latest post each rollup row remembers (no scan of posts), then
/// read in one query. A remembered post that no longer carries the label (re-labelled since) is left out.
/// </summary>
internal sealed class Examples
{
    public const int PerFigure = 3;

    public async Task<Dictionary<string, IReadOnlyList<InsightsReport.Example>>> ForAspectsAsync(
        EarshotDbContext db, RollupSlice slice, IReadOnlyList<string> aspects, string sentiment, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        if (aspects.Count == 0)
            return [];
        var latest = await slice.Rows(db.AspectRollups, slice.TopicIds, from, to)
            .Where(r => aspects.Contains(r.Aspect) && r.Sentiment == sentiment && r.Posts > 0)
            .Select(r => new { r.Aspect, r.Bucket, r.LatestPostId }).ToListAsync(cancellationToken);
        var picked = latest.GroupBy(r => r.Aspect, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => g.OrderByDescending(r => r.Bucket).ThenByDescending(r => r.LatestPostId).Select(r => r.LatestPostId).Distinct().Take(PerFigure * 2).ToList());
        var posts = await PostsAsync(db, [.. picked.Values.SelectMany(ids => ids)], cancellationToken);
        return picked.ToDictionary(p => p.Key, p => (IReadOnlyList<InsightsReport.Example>)p.Value
            .Where(id => posts.TryGetValue(id, out var post) && post.Sentiment == sentiment && post.Aspects.Split(',').Contains(p.Key))
            .Take(PerFigure).Select(id => posts[id].Example).ToList(), StringComparer.Ordinal);
    }

    public async Task<Dictionary<Guid, IReadOnlyList<InsightsReport.Example>>> ForTopicsAsync(
        EarshotDbContext db, IReadOnlyList<VolumeRollup> rows, CancellationToken cancellationToken)
    {
        var picked = rows.Where(r => r.Posts > 0).GroupBy(r => r.TopicId).ToDictionary(g => g.Key,
            g => g.OrderByDescending(r => r.Bucket).ThenByDescending(r => r.LatestPostId).Select(r => r.LatestPostId).Distinct().Take(PerFigure).ToList());
        var posts = await PostsAsync(db, [.. picked.Values.SelectMany(ids => ids)], cancellationToken);
        return picked.ToDictionary(p => p.Key, p => (IReadOnlyList<InsightsReport.Example>)p.Value
            .Where(posts.ContainsKey).Select(id => posts[id].Example).ToList());
    }

    private sealed record Labelled(InsightsReport.Example Example, string Sentiment, string Aspects);

    private static async Task<Dictionary<Guid, Labelled>> PostsAsync(EarshotDbContext db, List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return [];
        var rows = await db.PostTallies.AsNoTracking().Where(t => ids.Contains(t.PostId))
            .Join(db.Posts, t => t.PostId, p => p.Id, (t, p) => new { p.Id, p.Author!.Handle, p.Text, p.CreatedAt, t.Sentiment, t.Aspects })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new Labelled(new InsightsReport.Example(r.Id, r.Handle, r.Text, r.CreatedAt), r.Sentiment, r.Aspects));
    }
}
