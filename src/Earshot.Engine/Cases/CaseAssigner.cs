using Earshot.Core.Cases;
using Earshot.Core.Workspaces;

namespace Earshot.Engine.Cases;

/// <summary>
/// Gives cases to agents: automatically (round-robin or least-loaded, within each agent's capacity and only to
/// available agents) when a team asks for it. Load is the number of a user's cases not yet resolved.
/// </summary>
public sealed class CaseAssigner
{
    public async Task AutoAssignAsync(EarshotDbContext db, Case @case, Team team, DateTime now, CancellationToken cancellationToken)
    {
        if (team.Assignment == AssignmentMode.Manual)
            return;
        var agents = await db.TeamMembers.Where(m => m.TeamId == team.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u)
            .Where(u => u.Available && (u.Role == Roles.Agent || u.Role == Roles.Lead || u.Role == Roles.Admin))
            .Select(u => new AgentLoad(u.Id, u.Capacity, db.Cases.Count(c => c.AssigneeId == u.Id && (c.Status == CaseStatus.New || c.Status == CaseStatus.Open || c.Status == CaseStatus.PendingCustomer))))
            .ToListAsync(cancellationToken);
        var chosen = Choose(team.Assignment, agents, team.LastAssignedUserId);
        if (chosen is null)
            return;
        @case.AssignAutomatically(chosen.Value);
        var tracked = await db.Teams.FirstAsync(t => t.Id == team.Id, cancellationToken);
        tracked.LastAssignedUserId = chosen;
        team.LastAssignedUserId = chosen;
        db.CaseEvents.Add(new CaseEvent
        {
            CaseId = @case.Id, Kind = CaseEventKinds.Assigned, At = now,
            DataJson = CaseJson.Of(new { assignee_id = chosen, how = team.Assignment == AssignmentMode.RoundRobin ? "round_robin" : "least_loaded" }),
        });
    }

    public sealed record AgentLoad(Guid UserId, int Capacity, int Open);

    /// <summary>The agent to give the next case to, or null when everyone is at capacity.</summary>
    public static Guid? Choose(AssignmentMode mode, IReadOnlyList<AgentLoad> agents, Guid? lastAssigned)
    {
        var free = agents.Where(a => a.Open < a.Capacity).OrderBy(a => a.UserId).ToList();
        if (free.Count == 0)
            return null;
        if (mode == AssignmentMode.LeastLoaded)
            return free.OrderBy(a => a.Open).ThenBy(a => a.UserId).First().UserId;
        // Round-robin: the first free agent after the last one served, in a fixed order.
        var ordered = agents.OrderBy(a => a.UserId).ToList();
        var start = lastAssigned is { } last ? ordered.FindIndex(a => a.UserId == last) + 1 : 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            var candidate = ordered[(start + i) % ordered.Count];
            if (candidate.Open < candidate.Capacity)
                return candidate.UserId;
        }
        return null;
    }
}
