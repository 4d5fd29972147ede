using System.Runtime.CompilerServices;
using Earshot.Core.Posts;
using Earshot.Core.Topics.Query;
using Earshot.Storage.Search;

namespace Earshot.Posts;

/// <summary>The newest-first post stream with filters, keyset-paged, or whole for exports. Shared by the API and the Mentions page.</summary>
public static class PostSearch
{
    /// <summary>Posts of <see cref="AllAsync"/> given their labels and topics together: a few lookups per thousand rows.</summary>
    public const int ExportBatch = 1_000;

    public static Task<PostPage> FindAsync(EarshotDbContext db, PostFilter filter, CancellationToken cancellationToken) =>
        PageAsync(db, filter, Math.Clamp(filter.Limit, 1, PostFilter.MaxLimit), cancellationToken);

    /// <summary>
    /// Every post the filter matches (from its cursor on, whatever its limit), newest first, as one query read row by
    /// row: an export of a million posts holds one batch. The labels and topics of each batch are read through
    /// <paramref name="lookups"/>, a second context, because PostgreSQL runs one command at a time per connection and
    /// the rows' reader stays open until the last post.
    /// </summary>
    public static async IAsyncEnumerable<PostSummary> AllAsync(EarshotDbContext db, EarshotDbContext lookups, PostFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var posts = Matching(db, filter);
        if (filter.Query is { } query)
            posts = posts.Where(db, query);
        var rows = posts.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(Summaries.Of(db)).AsAsyncEnumerable();
        var batch = new List<PostSummary>(ExportBatch);
        await foreach (var post in rows.WithCancellation(cancellationToken))
        {
            batch.Add(post);
            if (batch.Count < ExportBatch)
                continue;
            await AttachInsightsAsync(lookups, batch, cancellationToken);
            foreach (var item in batch)
                yield return item;
            batch.Clear();
        }
        await AttachInsightsAsync(lookups, batch, cancellationToken);
        foreach (var item in batch)
            yield return item;
    }

    private static async Task<PostPage> PageAsync(EarshotDbContext db, PostFilter filter, int limit, CancellationToken cancellationToken)
    {
        var posts = Matching(db, filter);
        // The page's ids first, then their summaries: the sort then carries two columns per candidate rather than each
        // candidate's text, author, channel and workspace, which a search matching thousands of posts would all build.
        var ids = filter.Query is { } query
            ? await NewestMatchingAsync(db, posts, query, filter, limit + 1, cancellationToken)
            : await NewestAsync(posts, limit + 1, cancellationToken);
        var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var items = (await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(Summaries.Of(db)).ToListAsync(cancellationToken))
            .OrderBy(p => position[p.Id])
            .ToList();

        var next = items.Count > limit ? new PostCursor(items[limit - 1].CreatedAt, items[limit - 1].Id) : null;
        if (items.Count > limit)
            items.RemoveAt(limit);
        await AttachInsightsAsync(db, items, cancellationToken);
        return new PostPage(items, next);
    }

    /// <summary>The filters but the search: workspaces, channel, topic, labels, period and cursor.</summary>
    private static IQueryable<Post> Matching(EarshotDbContext db, PostFilter filter)
    {
        var posts = db.Posts.AsNoTracking().Where(p => !p.IsDeleted);
        if (filter.Workspace is { } workspace)
        {
            var workspaceIds = db.Workspaces.Where(w => w.Name == workspace).Select(w => w.Id);
            posts = posts.Where(p => workspaceIds.Contains(p.WorkspaceId));
        }
        if (filter.WorkspaceIds is { } visible)
            posts = posts.Where(p => visible.Contains(p.WorkspaceId));
        if (filter.Channel is { } channel)
            posts = posts.Where(p => p.Channel!.Kind == channel);
        if (filter.Topic is { } topic)
        {
            var matched = db.TopicMatches.Where(m => db.Topics.Any(t => t.Id == m.TopicId && t.Name == topic)).Select(m => m.PostId);
            posts = posts.Where(p => matched.Contains(p.Id));
        }
        if (filter.Sentiment is { } sentiment)
            posts = posts.Where(p => db.Classifications.Any(c => c.PostId == p.Id && c.Sentiment == sentiment));
        if (filter.Intent is { } intent)
            posts = posts.Where(p => db.Classifications.Any(c => c.PostId == p.Id && c.Intent == intent));
        if (filter.Language is { } language)
            posts = posts.Where(p => p.Language == language);
        if (filter.Aspect is { } aspect)
        {
            var listed = "," + aspect + ",";
            posts = posts.Where(p => db.PostTallies.Any(t => t.PostId == p.Id && ("," + t.Aspects + ",").Contains(listed)));
        }
        if (filter.AuthorId is { } authorId)
            posts = posts.Where(p => p.AuthorId == authorId);
        if (filter.Switchers)
            posts = posts.Where(p => db.PostTallies.Any(t => t.PostId == p.Id && t.Switcher));
        if (filter.From is { } from)
            posts = posts.Where(p => p.CreatedAt >= from);
        if (filter.To is { } to)
            posts = posts.Where(p => p.CreatedAt < to);
        if (filter.After is { } after)
        {
            posts = posts.Where(p => p.CreatedAt < after.CreatedAt
                || (p.CreatedAt == after.CreatedAt && p.Id.CompareTo(after.Id) < 0));
        }
        return posts;
    }

    private static Task<List<Guid>> NewestAsync(IQueryable<Post> posts, int count, CancellationToken cancellationToken) =>
        posts.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(count).Select(p => p.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// The newest <paramref name="count"/> posts matching <paramref name="query"/>. Where the index is keyed by time
    /// (SQLite), it is read in widening windows: the hour before the newest possible match, then eight times as far
    /// back each time, until a window holds the whole page or reaches the oldest post. Everything outside a window is
    /// older than all of it, so a full window is the answer; a common word then costs a page's worth of index reads
    /// rather than every post that uses it.
    /// </summary>
    private static async Task<List<Guid>> NewestMatchingAsync(EarshotDbContext db, IQueryable<Post> posts, QueryNode query, PostFilter filter, int count,
        CancellationToken cancellationToken)
    {
        if (await PostTextQuery.IndexedSpanAsync(db, cancellationToken) is not { } span)
            return await NewestAsync(posts.Where(db, query), count, cancellationToken);
        var top = new[] { span.Newest, filter.After?.CreatedAt, filter.To }.Where(t => t is not null).Min()!.Value;
        var floor = filter.From is { } from && from > span.Oldest ? from : span.Oldest;
        for (var reach = TimeSpan.FromHours(1); reach < top - floor; reach *= 8)
        {
            var start = top - reach;
            start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerSecond)); // the index keys whole seconds
            var page = await NewestAsync(posts.Where(p => p.CreatedAt >= start).Where(db, query, new PostSearchWindow(start, top)), count, cancellationToken);
            if (page.Count == count)
                return page;
        }
        return await NewestAsync(posts.Where(db, query, new PostSearchWindow(null, top)), count, cancellationToken);
    }

    /// <summary>Labels and topic names for a page of posts, in two queries rather than one per post.</summary>
    public static async Task AttachInsightsAsync(EarshotDbContext db, IReadOnlyList<PostSummary> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
            return;
        var ids = items.Select(i => i.Id).ToList();
        var labels = await db.Classifications.AsNoTracking().Where(c => ids.Contains(c.PostId))
            .ToDictionaryAsync(c => c.PostId, cancellationToken);
        var topics = (await db.TopicMatches.AsNoTracking().Where(m => ids.Contains(m.PostId))
                .Join(db.Topics, m => m.TopicId, t => t.Id, (m, t) => new { m.PostId, t.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(x => x.PostId, x => x.Name);
        foreach (var item in items)
        {
            if (labels.TryGetValue(item.Id, out var label))
                item.Labels = new LabelSummary(label.Sentiment, label.SentimentScore, label.Intent, string.Join(',', label.Severity), label.ModelVersion);
            item.Topics = topics[item.Id].Order(StringComparer.Ordinal).ToList();
        }
    }
}
