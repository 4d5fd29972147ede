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
/// Reads the queue in priority order. The stored rank key already orders cases by head start plus waiting time;
/// only a near or missed SLA deadline changes the order with time, so the queue is the first cases by rank key
/// merged with the cases whose deadline is near: two index range scans, whatever the backlog.
/// </summary>
public sealed class CaseQueue(IDbContextFactory<EarshotDbContext> contexts, CaseSettings settings, TimeProvider clock)
{
    /// <summary>Deadlines this close are fetched separately; a policy's warning window cannot be longer.</summary>
    public static readonly TimeSpan NearDeadline = TimeSpan.FromHours(2);

    private const int NearDeadlineLimit = 500;

    public async Task<IReadOnlyList<QueuedCase>> ListAsync(QueueFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ListAsync(db, filter, cancellationToken);
    }

    public async Task<IReadOnlyList<QueuedCase>> ListAsync(EarshotDbContext db, QueueFilter filter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var waiting = Waiting(db, filter);
        var byRank = await waiting.OrderBy(c => c.RankKey).Take(filter.Limit).ToListAsync(cancellationToken);
        var soon = now + NearDeadline;
        var nearDue = await waiting.Where(c => c.DueAt != null && c.DueAt <= soon)
            .OrderBy(c => c.DueAt).Take(NearDeadlineLimit).ToListAsync(cancellationToken);
        var ranked = new List<QueuedCase>(byRank.Count + nearDue.Count);
        foreach (var @case in byRank.Concat(nearDue).DistinctBy(c => c.Id))
        {
            var policy = (await settings.ForAsync(@case.WorkspaceId, cancellationToken)).Policy;
            ranked.Add(new QueuedCase(@case, QueueOrder.Priority(policy, @case.Priority, @case.WaitingSince ?? @case.UpdatedAt, @case.DueAt, now)));
        }
        return ranked.OrderByDescending(r => r.Priority).ThenBy(r => r.Case.RankKey).ThenBy(r => r.Case.Id).Take(filter.Limit).ToList();
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
    /// Hands the agent the top case they may take and assigns it, so agents do not pick and choose. Two agents
    /// asking at once never get the same case: the claim is a conditional update, and a lost race tries the next.
    /// </summary>
    public async Task<(NextOutcome Outcome, Case? Case)> TakeNextAsync(Guid agentId, IReadOnlyCollection<Guid>? workspaceIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agent = await db.Users.AsNoTracking().FirstAsync(u => u.Id == agentId, cancellationToken);
        var load = await db.Cases.CountAsync(c => c.AssigneeId == agentId && c.Queued, cancellationToken);
        var teams = await db.TeamMembers.Where(m => m.UserId == agentId).Select(m => m.TeamId).ToListAsync(cancellationToken);
        for (var round = 0; round < 3; round++)
        {
            var candidates = await ListAsync(db, new QueueFilter(workspaceIds, teams, agentId, Limit: 20), cancellationToken);
            // A case already theirs comes first whatever its rank: finish before taking more.
            var own = candidates.FirstOrDefault(c => c.Case.AssigneeId == agentId);
            if (own is not null)
                return (NextOutcome.Assigned, own.Case);
            if (load >= agent.Capacity)
                return (NextOutcome.AtCapacity, null);
            if (candidates.Count == 0)
                return (NextOutcome.Empty, null);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var candidate in candidates)
            {
                var id = candidate.Case.Id;
                var claimed = await db.Cases.Where(c => c.Id == id && c.AssigneeId == null && c.Queued)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.AssigneeId, agentId).SetProperty(c => c.UpdatedAt, now), cancellationToken);
                if (claimed == 0)
                    continue;
                db.CaseEvents.Add(new CaseEvent
                {
                    CaseId = id, Kind = CaseEventKinds.Assigned, ActorId = agentId, At = now,
                    DataJson = CaseJson.Of(new { assignee_id = agentId, how = "next_case" }),
                });
                await db.SaveChangesAsync(cancellationToken);
                candidate.Case.AssigneeId = agentId;
                return (NextOutcome.Assigned, candidate.Case);
            }
        }
        return (NextOutcome.Empty, null);
    }
}
