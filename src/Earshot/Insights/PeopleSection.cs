using Earshot.Core.Topics;

namespace Earshot.Insights;

/// <summary>
/// Evangelists and detractors: the people who most consistently praise or criticise the brand over the period
/// (the brand topics' posts, or the topic filtered on; all posts when no topic is a brand). Ranked by how many more
/// of their posts lean one way than the other, then by how consistently; their follower count is shown, never ranked on.
/// </summary>
internal static class PeopleSection
{
    public const int Top = 10;
    /// <summary>One post is an opinion, not a stance.</summary>
    public const int MinimumPosts = 2;

    public static async Task<(IReadOnlyList<InsightsReport.Person> Evangelists, IReadOnlyList<InsightsReport.Person> Detractors)> RankAsync(
        EarshotDbContext db, RollupSlice slice, CancellationToken cancellationToken)
    {
        var topicIds = slice.Query.Topic is null && slice.OfKind(TopicKind.Brand) is { Count: > 0 } brand ? brand : slice.TopicIds;
        var (from, to) = slice.Query.Days;
        var counts = await slice.Rows(db.AuthorRollups, topicIds, from, to)
            .GroupBy(r => new { r.AuthorId, r.Sentiment })
            .Select(g => new { g.Key.AuthorId, g.Key.Sentiment, Posts = g.Sum(r => r.Posts) })
            .ToListAsync(cancellationToken);
        var people = counts.GroupBy(c => c.AuthorId).Select(g => (
                Id: g.Key,
                Posts: g.Sum(c => c.Posts),
                Positive: g.Where(c => c.Sentiment == "positive").Sum(c => c.Posts),
                Negative: g.Where(c => c.Sentiment == "negative").Sum(c => c.Posts)))
            .Where(p => p.Posts >= MinimumPosts).ToList();
        var evangelists = people.Where(p => p.Positive > p.Negative && p.Positive >= MinimumPosts)
            .OrderByDescending(p => p.Positive - p.Negative).ThenByDescending(p => (double)p.Positive / p.Posts).ThenBy(p => p.Id).Take(Top).ToList();
        var detractors = people.Where(p => p.Negative > p.Positive && p.Negative >= MinimumPosts)
            .OrderByDescending(p => p.Negative - p.Positive).ThenByDescending(p => (double)p.Negative / p.Posts).ThenBy(p => p.Id).Take(Top).ToList();
        var ids = evangelists.Concat(detractors).Select(p => p.Id).ToList();
        var authors = await db.Authors.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Join(db.Channels, a => a.ChannelId, c => c.Id, (a, c) => new { a.Id, a.Handle, a.DisplayName, a.Followers, Channel = c.Name })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        InsightsReport.Person Person((Guid Id, long Posts, long Positive, long Negative) p) =>
            authors.TryGetValue(p.Id, out var a)
                ? new InsightsReport.Person(p.Id, a.Handle, a.DisplayName, a.Channel, a.Followers, p.Posts, p.Positive, p.Negative)
                : new InsightsReport.Person(p.Id, "?", null, "?", null, p.Posts, p.Positive, p.Negative);
        return (evangelists.ConvertAll(Person), detractors.ConvertAll(Person));
    }

    /// <summary>Posts that say their author is leaving for, or chose, each competitor topic.</summary>
    public static async Task<IReadOnlyList<InsightsReport.SwitcherCount>> SwitchersAsync(
        EarshotDbContext db, RollupSlice slice, Examples examples, CancellationToken cancellationToken)
    {
        var competitors = slice.Topics.Where(t => t.Kind == TopicKind.Competitor).ToList();
        if (competitors.Count == 0)
            return [];
        var q = slice.Query;
        var span = q.Span;
        var rows = await slice.Rows(db.VolumeRollups, [.. competitors.Select(t => t.Id)], q.From, q.To)
            .Where(r => r.Span == span && r.Switcher).ToListAsync(cancellationToken);
        var latest = await examples.ForTopicsAsync(db, rows, cancellationToken);
        return competitors.GroupBy(t => t.Name, StringComparer.Ordinal)
            .Select(g => new InsightsReport.SwitcherCount(g.Key,
                rows.Where(r => g.Any(t => t.Id == r.TopicId)).Sum(r => r.Posts),
                [.. g.SelectMany(t => latest.GetValueOrDefault(t.Id, [])).OrderByDescending(e => e.CreatedAt).Take(Examples.PerFigure)]))
            .Where(s => s.Posts > 0)
            .OrderByDescending(s => s.Posts).ThenBy(s => s.Competitor, StringComparer.Ordinal).ToList();
    }
}
