using Earshot.Core.Insights;
using Earshot.Core.Understanding.Aspects;
using Earshot.Storage.Ingest;
using Earshot.Storage.Insights;

namespace Earshot.Engine.Insights;

/// <summary>
/// Keeps the rollups equal to a count over the posts. For each post it takes away what its tally says the post added
/// before, and adds what the post counts as now (its labels, matches, hour, channel, author), so running it twice, or
/// after a re-label or a re-match, never counts a post twice. Runs inside the caller's transaction, the one that
/// wrote the labels or matches, so the rollups can never disagree with them. Our own replies and deleted posts count
/// for nothing; a post not yet labelled waits for its label.
/// </summary>
public static class RollupWriter
{
    // What the language detector calls a post it cannot place.
    private const string UnknownLanguage = "unknown";

    public static async Task RecountAsync(EarshotDbContext db, IReadOnlyList<Guid> postIds, CancellationToken cancellationToken)
    {
        if (postIds.Count == 0)
            return;
        // Two nodes re-counting one post at once would both take away the same old tally: the second waits here.
        await PostRowLocks.LockAsync(db, postIds, cancellationToken);
        var before = await db.PostTallies.AsNoTracking().Where(t => postIds.Contains(t.PostId)).ToDictionaryAsync(t => t.PostId, cancellationToken);
        var now = await CurrentAsync(db, postIds, cancellationToken);
        var deltas = new RollupDeltas();
        var changed = new List<Guid>();
        var live = await LiveTopicsAsync(db, before.Values, cancellationToken);
        foreach (var id in postIds.Distinct())
        {
            before.TryGetValue(id, out var old);
            now.TryGetValue(id, out var current);
            if (Same(old, current))
                continue;
            changed.Add(id);
            if (old is not null)
                PostCount.Add(deltas, WithTopics(old, live), -1, id);
            if (current is not null)
                PostCount.Add(deltas, current, +1, id);
        }
        if (changed.Count == 0)
            return;
        await StageRows.InsertAsync(db, RollupSql.AddVolume, deltas.VolumeRows(), cancellationToken);
        await StageRows.InsertAsync(db, RollupSql.AddAspect, deltas.AspectRows(), cancellationToken);
        await StageRows.InsertAsync(db, RollupSql.AddAuthor, deltas.AuthorRows(), cancellationToken);
        await db.PostTallies.Where(t => changed.Contains(t.PostId)).ExecuteDeleteAsync(cancellationToken);
        await StageRows.InsertAsync(db, RollupSql.InsertTally,
            [.. changed.Where(now.ContainsKey).Select(id => Values(now[id]))], cancellationToken);
    }

    /// <summary>What each labelled post counts as now.</summary>
    private static async Task<Dictionary<Guid, PostTally>> CurrentAsync(EarshotDbContext db, IReadOnlyList<Guid> postIds, CancellationToken cancellationToken)
    {
        var posts = await (
            from p in db.Posts.AsNoTracking()
            join c in db.Classifications.AsNoTracking() on p.Id equals c.PostId
            where postIds.Contains(p.Id) && !p.IsBrand && !p.IsDeleted
            select new { p.Id, p.WorkspaceId, p.CreatedAt, p.ChannelId, p.AuthorId, p.Language, c.Sentiment, c.Intent, c.Severity, c.Aspects }
        ).ToListAsync(cancellationToken);
        var matches = (await db.TopicMatches.AsNoTracking().Where(m => postIds.Contains(m.PostId)).Select(m => new { m.PostId, m.TopicId })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.PostId, m => m.TopicId);
        return posts.ToDictionary(p => p.Id, p => new PostTally
        {
            PostId = p.Id,
            WorkspaceId = p.WorkspaceId,
            CreatedAt = p.CreatedAt,
            ChannelId = p.ChannelId,
            AuthorId = p.AuthorId,
            Language = p.Language ?? UnknownLanguage,
            Sentiment = p.Sentiment,
            Intent = p.Intent,
            Switcher = p.Severity.Contains("churn"),
            Aspects = string.Join(',', AspectNames.NormaliseAll(p.Aspects.Split(',', StringSplitOptions.RemoveEmptyEntries))),
            TopicIds = string.Join(',', matches[p.Id].Order()),
        });
    }

    /// <summary>The topics still stored among those the old tallies name: a deleted topic's rows went with it.</summary>
    private static async Task<HashSet<Guid>> LiveTopicsAsync(EarshotDbContext db, IEnumerable<PostTally> tallies, CancellationToken cancellationToken)
    {
        var named = tallies.SelectMany(t => CommaSeparatedIds.Guids(t.TopicIds)).ToHashSet();
        if (named.Count == 0)
            return named;
        return [.. await db.Topics.AsNoTracking().Where(t => named.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken)];
    }

    private static PostTally WithTopics(PostTally tally, HashSet<Guid> live) =>
        new()
        {
            PostId = tally.PostId, WorkspaceId = tally.WorkspaceId, CreatedAt = tally.CreatedAt, ChannelId = tally.ChannelId,
            AuthorId = tally.AuthorId, Language = tally.Language, Sentiment = tally.Sentiment, Intent = tally.Intent,
            Switcher = tally.Switcher, Aspects = tally.Aspects,
            TopicIds = string.Join(',', CommaSeparatedIds.Guids(tally.TopicIds).Where(live.Contains)),
        };

    private static bool Same(PostTally? a, PostTally? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.WorkspaceId == b.WorkspaceId && a.CreatedAt == b.CreatedAt && a.ChannelId == b.ChannelId && a.AuthorId == b.AuthorId
              && a.Language == b.Language && a.Sentiment == b.Sentiment && a.Intent == b.Intent && a.Switcher == b.Switcher
              && a.Aspects == b.Aspects && a.TopicIds == b.TopicIds;

    private static object?[] Values(PostTally t) =>
        [t.PostId, t.WorkspaceId, t.CreatedAt, t.ChannelId, t.AuthorId, t.Language, t.Sentiment, t.Intent, t.Switcher, t.Aspects, t.TopicIds];
}
