using Earshot.Core.Topics.Matching;
using Earshot.Core.Topics.Query;
using Earshot.Engine.Cases;

namespace Earshot.Engine.Topics;

/// <summary>
/// Every workspace's topics compiled into one matcher, kept in step with the database: changes made through this
/// process apply at once; changes made elsewhere (the CLI, another node) are picked up by <see cref="RefreshAsync"/>.
/// Matching goes on while topics change: the matcher swaps compiled snapshots atomically. A topic applied or removed
/// here also clears its workspace's cached case settings, which say which team owns each topic: otherwise its team
/// would route cases only once the cache expired (up to <see cref="CaseSettings.Lifetime"/> later).
/// </summary>
public sealed class TopicIndex(IDbContextFactory<EarshotDbContext> contexts, CaseSettings caseSettings)
{
    private readonly TopicMatcher _matcher = new();
    private Dictionary<Guid, (Guid Workspace, string Query)> _topics = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    public TopicMatcher Matcher => _matcher;

    public Guid? WorkspaceOf(Guid topicId) => _topics.TryGetValue(topicId, out var topic) ? topic.Workspace : null;

    /// <summary>Loads what changed since the last load; returns the stored topics whose query no longer parses.</summary>
    public async Task<IReadOnlyDictionary<Guid, QueryError>> RefreshAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            // Read under the lock: a list read before a topic was saved, applied after that topic's ApplyAsync, would
            // take the new topic out again until the next refresh, and posts arriving meanwhile would miss it.
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var stored = await db.Topics.AsNoTracking()
                .Select(t => new { t.Id, t.WorkspaceId, t.Query }).ToListAsync(cancellationToken);
            var current = stored.ToDictionary(t => t.Id, t => (t.WorkspaceId, t.Query));
            var changed = current.Where(kv => !_topics.TryGetValue(kv.Key, out var old) || old.Query != kv.Value.Query)
                .Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Query)).ToList();
            foreach (var removed in _topics.Keys.Except(current.Keys).ToList())
                _matcher.Remove(removed);
            var errors = changed.Count > 0 ? _matcher.AddOrUpdateMany(changed) : new Dictionary<Guid, QueryError>();
            _topics = current;
            return errors;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Applies one saved topic at once (the API and pages call this after saving).</summary>
    public async Task<QueryError?> ApplyAsync(Guid topicId, Guid workspaceId, string query, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var error = _matcher.AddOrUpdate(topicId, query);
            if (error is null)
                _topics = new Dictionary<Guid, (Guid, string)>(_topics) { [topicId] = (workspaceId, query) };
            caseSettings.Invalidate(workspaceId);
            return error;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task RemoveAsync(Guid topicId, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            _matcher.Remove(topicId);
            var topics = new Dictionary<Guid, (Guid Workspace, string)>(_topics);
            if (topics.Remove(topicId, out var removed))
                caseSettings.Invalidate(removed.Workspace);
            _topics = topics;
        }
        finally
        {
            _lock.Release();
        }
    }
}
