using Earshot.Core.Cases;
using Earshot.Core.Workspaces;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Channels.Cases;

/// <summary>Which waiting cases to show: workspaces (null for all), teams, and whose cases.</summary>
public sealed record QueueFilter(IReadOnlyCollection<Guid>? WorkspaceIds, IReadOnlyCollection<Guid>? TeamIds = null, Guid? TakeableBy = null, int Limit = 50);

/// <summary>A waiting case and its priority now.</summary>
public sealed record QueuedCase(Case Case, double Priority);

/// <summary>
/// Reads the queue in priority order. The stored rank key orders cases by head start, waiting time and deadline
/// boost (kept current by <see cref="SlaWatcher"/>), so the queue is one index range scan whatever the backlog.
/// </summary>
public sealed class CaseQueue(IDbContextFactory<EarshotDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<QueuedCase>> ListAsync(QueueFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ListAsync(db, filter, cancellationToken);
    }

    public async Task<IReadOnlyList<QueuedCase>> ListAsync(EarshotDbContext db, QueueFilter filter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cases = await Waiting(db, filter).OrderBy(c => c.RankKey).Take(filter.Limit).ToListAsync(cancellationToken);
        return cases.Select(c => new QueuedCase(c, c.Priority + c.DeadlineBoost + Math.Max(0, (now - (c.WaitingSince ?? c.UpdatedAt)).TotalMinutes))).ToList();
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
    /// Hands the agent the top case they may take and assigns it, so agents do not pick and choose. The claim is one
    /// statement (<see cref="NextCaseClaim"/>): two agents asking at once never get the same case, and on
    /// PostgreSQL they do not wait for each other either.
    /// </summary>
    public async Task<(NextOutcome Outcome, Case? Case)> TakeNextAsync(Guid agentId, IReadOnlyCollection<Guid>? workspaceIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agent = await db.Users.Where(u => u.Id == agentId).Select(u => new
        {
            u.Capacity,
            Waiting = db.Cases.Count(c => c.AssigneeId == agentId && c.Queued),
            Pending = db.Cases.Count(c => c.AssigneeId == agentId && c.Status == CaseStatus.PendingCustomer),
        }).FirstAsync(cancellationToken);
        // A case already theirs comes first whatever its rank: finish before taking more.
        if (agent.Waiting > 0)
        {
            var own = await Waiting(db, new QueueFilter(workspaceIds)).Where(c => c.AssigneeId == agentId)
                .OrderBy(c => c.RankKey).FirstOrDefaultAsync(cancellationToken);
            if (own is not null)
                return (NextOutcome.Assigned, own);
        }
        if (agent.Pending >= agent.Capacity)
            return (NextOutcome.AtCapacity, null);
        var claimed = await NextCaseClaim.ClaimAsync(db, agentId, workspaceIds, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return claimed is null ? (NextOutcome.Empty, null) : (NextOutcome.Assigned, claimed);
    }
}
