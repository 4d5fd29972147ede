using Earshot.Core.Topics;
using Earshot.Core.Understanding.Aspects;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Insights;

/// <summary>
/// The insight figures counted the slow, obvious way, straight from posts, labels and topic matches, to check the
/// rollups against: what the report says must equal what is stored, whatever path the rollups took.
/// </summary>
public sealed class CountedFromPosts
{
    public sealed record Labelled(Guid Id, Guid AuthorId, string Author, DateTime CreatedAt, string Sentiment, IReadOnlyList<string> Aspects, bool Switcher, HashSet<Guid> Topics);

    public required IReadOnlyList<Labelled> Posts { get; init; }
    public required IReadOnlyList<(Guid Id, string Name, TopicKind Kind)> Topics { get; init; }

    public static async Task<CountedFromPosts> LoadAsync(EarshotDbContext db, Guid workspaceId)
    {
        var posts = await (
            from p in db.Posts.AsNoTracking()
            join c in db.Classifications.AsNoTracking() on p.Id equals c.PostId
            where p.WorkspaceId == workspaceId && !p.IsBrand && !p.IsDeleted
            select new { p.Id, p.AuthorId, p.Author!.Handle, p.CreatedAt, c.Sentiment, c.Aspects, c.Severity }).ToListAsync();
        var ids = posts.Select(p => p.Id).ToList();
        var matches = (await db.TopicMatches.AsNoTracking().Where(m => ids.Contains(m.PostId)).ToListAsync()).ToLookup(m => m.PostId, m => m.TopicId);
        var topics = await db.Topics.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).Select(t => new { t.Id, t.Name, t.Kind }).ToListAsync();
        return new CountedFromPosts
        {
            Posts = posts.ConvertAll(p => new Labelled(p.Id, p.AuthorId, p.Handle, p.CreatedAt, p.Sentiment,
                AspectNames.NormaliseAll(p.Aspects.Split(',', StringSplitOptions.RemoveEmptyEntries)), p.Severity.Contains("churn"), [.. matches[p.Id]])),
            Topics = topics.ConvertAll(t => (t.Id, t.Name, t.Kind)),
        };
    }

    public IEnumerable<Labelled> Between(DateTime from, DateTime to) => Posts.Where(p => p.CreatedAt >= from && p.CreatedAt < to);

    public IEnumerable<Labelled> OfTopic(string name, DateTime from, DateTime to)
    {
        var ids = Topics.Where(t => t.Name == name).Select(t => t.Id).ToHashSet();
        return Between(from, to).Where(p => p.Topics.Overlaps(ids));
    }

    /// <summary>Posts per aspect said with this sentiment.</summary>
    public Dictionary<string, int> Aspects(string sentiment, DateTime from, DateTime to) =>
        Between(from, to).Where(p => p.Sentiment == sentiment).SelectMany(p => p.Aspects)
            .GroupBy(a => a, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
