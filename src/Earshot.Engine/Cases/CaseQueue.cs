using System.Collections.Concurrent;
using Earshot.Core.Cases;
using Earshot.Core.Workspaces;
using Earshot.Engine.Pipeline;
using Earshot.Storage.Cases;

namespace Earshot.Engine.Cases;

/// <summary>Which waiting cases to show: workspaces (null for all), teams, and whose cases.</summary>
public sealed record QueueFilter(IReadOnlyCollection<Guid>? WorkspaceIds, IReadOnlyCollection<Guid>? TeamIds = null, Guid? TakeableBy = null, int Limit = 50);

/// <summary>A waiting case and its priority now.</summary>
public sealed record QueuedCase(Case Case, double Priority);

/// <summary>
/// Reads the queue in priority order. The stored rank key orders cases by head start, waiting time and deadline
/// boost (kept current by <see cref="SlaWatcher"/>), so the queue is one index range scan whatever the backlog.
/// A whole care floor looks at the same queue, so each distinct view is read at most once per
/// <see cref="SnapshotLifetime"/> and again at once when a case changes on this node; "next case" always claims
/// from the database itself.
/// </summary>
public sealed class CaseQueue
{
    /// <summary>How stale a listing may be when the change happened on another node.</summary>
    public static readonly TimeSpan SnapshotLifetime = TimeSpan.FromSeconds(1);

    private readonly IDbContextFactory<EarshotDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly EventBus? _bus;
    private readonly ConcurrentDictionary<string, View> _views = new();
    private long _version;

    public CaseQueue(IDbContextFactory<EarshotDbContext> contexts, TimeProvider clock, EventBus? bus = null)
    {
        _contexts = contexts;
        _clock = clock;
        _bus = bus;
        if (bus is not null)
            bus.Published += e =>
            {
                if (e.Type.StartsWith("case.", StringComparison.Ordinal))
                    Interlocked.Increment(ref _version);
            };
    }

    /// <summary>The queue as of at most <see cref="SnapshotLifetime"/> ago (fresher when a case changed here).</summary>
    public async Task<IReadOnlyList<QueuedCase>> ListCachedAsync(QueueFilter filter, CancellationToken cancellationToken)
    {
        var key = Key(filter);
        var asked = _clock.GetUtcNow().UtcDateTime;
        var version = Interlocked.Read(ref _version);
        if (_views.Count > 1_000)
            _views.Clear(); // views are few; this only guards against a caller inventing endless filters
        var view = _views.GetOrAdd(key, _ => new View());
        var snapshot = view.Snapshot;
        if (snapshot is null || !snapshot.Answers(version, asked))
        {
            // One read per view at a time: whoever waited behind a read that began after their request was made takes
            // its result, so a busy floor costs the database at most one read in flight per view, not one per agent.
            await view.Gate.WaitAsync(cancellationToken);
            try
            {
                snapshot = view.Snapshot;
                if (snapshot is null || !snapshot.Answers(version, asked))
                {
                    var started = _clock.GetUtcNow().UtcDateTime;
                    var startedVersion = Interlocked.Read(ref _version);
                    snapshot = new Snapshot(await ReadAsync(filter, cancellationToken), startedVersion, started);
                    view.Snapshot = snapshot;
                }
            }
            finally
            {
                view.Gate.Release();
            }
        }
        return Rank(snapshot.Cases, _clock.GetUtcNow().UtcDateTime);
    }

    private sealed class View
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public volatile Snapshot? Snapshot;
    }

    /// <summary>A read of one view, and the change count and time it began at.</summary>
    private sealed record Snapshot(List<Case> Cases, long Version, DateTime At)
    {
        /// <summary>Whether this read saw every change made before a request: it began after them, and is recent.</summary>
        public bool Answers(long version, DateTime asked) => Version >= version && asked - At <= SnapshotLifetime;
    }

    private async Task<List<Case>> ReadAsync(QueueFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await Waiting(db, filter).OrderBy(c => c.RankKey).ThenBy(c => c.Id).Take(filter.Limit).ToListAsync(cancellationToken);
    }

    private static string Key(QueueFilter filter) => string.Join('|',
        filter.WorkspaceIds is null ? "*" : string.Join(',', filter.WorkspaceIds.Order()),
        filter.TeamIds is null ? "*" : string.Join(',', filter.TeamIds.Order()),
        filter.TakeableBy?.ToString() ?? "*", filter.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static List<QueuedCase> Rank(IEnumerable<Case> cases, DateTime now) =>
        cases.Select(c => new QueuedCase(c, c.Priority + c.DeadlineBoost + Math.Max(0, (now - (c.WaitingSince ?? c.UpdatedAt)).TotalMinutes))).ToList();

    public async Task<IReadOnlyList<QueuedCase>> ListAsync(QueueFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await ListAsync(db, filter, cancellationToken);
    }

    public async Task<IReadOnlyList<QueuedCase>> ListAsync(EarshotDbContext db, QueueFilter filter, CancellationToken cancellationToken)
    {
        var cases = await Waiting(db, filter).OrderBy(c => c.RankKey).ThenBy(c => c.Id).Take(filter.Limit).ToListAsync(cancellationToken);
        return Rank(cases, _clock.GetUtcNow().UtcDateTime);
    }

    private static IQueryable<Case> Waiting(EarshotDbContext db, QueueFilter filter)
    {
        var query = db.Cases.AsNoTracking().Where(c => c.Queued);
        if (filter.WorkspaceIds is { } workspaces)
            query = query.Where(c => workspaces.Contains(c.WorkspaceId));
        if (filter.TeamIds is { Count: > 0 } teams)
            query = query.Where(c => c.TeamId != null && teams.Contains(c.TeamId.Value));
        if (filter.TakeableBy is { } agent)
            query = query.Where(c => c.AssigneeId == null || c.AssigneeId == agent);
        return query;
    }

    public enum NextOutcome { Assigned, Empty, AtCapacity }

    /// <summary>
    /// Hands the agent the top case they may take and assigns it, so agents do not pick and choose; a waiting case
    /// already theirs comes first whatever its rank (finish before taking more). The decision and the claim are one
    /// statement on PostgreSQL (<see cref="NextCaseClaim"/>): two agents asking at once never get the same case, and
    /// they do not wait for each other either.
    /// </summary>
    public async Task<(NextOutcome Outcome, Case? Case)> TakeNextAsync(Guid agentId, IReadOnlyCollection<Guid>? workspaceIds, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var now = _clock.GetUtcNow().UtcDateTime;
        var (result, taken) = await NextCaseClaim.TakeAsync(db, agentId, workspaceIds, now, cancellationToken);
        switch (result)
        {
            case NextCaseResult.Own:
                return (NextOutcome.Assigned, taken);
            case NextCaseResult.Claimed:
                _bus?.Publish(new Core.Events.EarshotEvent("case.updated", taken!.WorkspaceId, taken.Id, now));
                return (NextOutcome.Assigned, taken);
            default:
                return (await NextCaseClaim.AtCapacityAsync(db, agentId, cancellationToken) ? NextOutcome.AtCapacity : NextOutcome.Empty, null);
        }
    }
}
