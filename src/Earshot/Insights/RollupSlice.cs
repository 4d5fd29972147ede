using Earshot.Core.Insights;
using Earshot.Core.Topics;

namespace Earshot.Insights;

/// <summary>
/// The rollup rows a report reads: the caller's workspaces (the query filters already keep others out), the topic
/// asked for (or the all-posts rows), and the channel, language, sentiment and intent filters.
/// </summary>
public sealed class RollupSlice
{
    private RollupSlice(InsightQuery query, IReadOnlyList<Guid> topicIds, IReadOnlyList<Guid>? channelIds, IReadOnlyList<TopicRef> topics)
    {
        Query = query;
        TopicIds = topicIds;
        ChannelIds = channelIds;
        Topics = topics;
    }

    public InsightQuery Query { get; }
    /// <summary>The topic rows to read: the named topic's in each workspace, or the all-posts rows.</summary>
    public IReadOnlyList<Guid> TopicIds { get; }
    public IReadOnlyList<Guid>? ChannelIds { get; }
    /// <summary>Every topic of the caller's workspaces in scope, with its kind.</summary>
    public IReadOnlyList<TopicRef> Topics { get; }

    public sealed record TopicRef(Guid Id, string Name, TopicKind Kind);

    /// <summary>Null when the query names a topic no workspace in scope has.</summary>
    public static async Task<RollupSlice?> ForAsync(EarshotDbContext db, InsightQuery query, CancellationToken cancellationToken)
    {
        var topics = await InScope(db.Topics.AsNoTracking(), query.WorkspaceIds)
            .OrderBy(t => t.Name).Select(t => new TopicRef(t.Id, t.Name, t.Kind)).ToListAsync(cancellationToken);
        IReadOnlyList<Guid> topicIds = [Guid.Empty];
        if (query.Topic is { } name)
        {
            topicIds = topics.Where(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)).Select(t => t.Id).ToList();
            if (topicIds.Count == 0)
                return null;
        }
        List<Guid>? channelIds = null;
        if (query.Channel is { } kind)
            channelIds = await InScope(db.Channels.AsNoTracking(), query.WorkspaceIds).Where(c => c.Kind == kind).Select(c => c.Id).ToListAsync(cancellationToken);
        return new RollupSlice(query, topicIds, channelIds, topics);
    }

    public IReadOnlyList<Guid> OfKind(TopicKind kind) => Topics.Where(t => t.Kind == kind).Select(t => t.Id).ToList();

    /// <summary>The rows of <paramref name="topicIds"/> in [from, to) that pass the filters.</summary>
    public IQueryable<T> Rows<T>(IQueryable<T> rows, IReadOnlyList<Guid> topicIds, DateTime from, DateTime to) where T : RollupRow
    {
        rows = InScope(rows.AsNoTracking(), Query.WorkspaceIds).Where(r => topicIds.Contains(r.TopicId) && r.Bucket >= from && r.Bucket < to);
        if (ChannelIds is { } channels)
            rows = rows.Where(r => channels.Contains(r.ChannelId));
        if (Query.Language is { } language)
            rows = rows.Where(r => r.Language == language);
        if (Query.Sentiment is { } sentiment)
            rows = rows.Where(r => r.Sentiment == sentiment);
        if (Query.Intent is { } intent)
            rows = rows.Where(r => r.Intent == intent);
        return rows;
    }

    private static IQueryable<T> InScope<T>(IQueryable<T> rows, IReadOnlyCollection<Guid>? workspaceIds) where T : class, Core.Workspaces.IWorkspaceOwned =>
        workspaceIds is null ? rows : rows.Where(r => workspaceIds.Contains(r.WorkspaceId));
}
