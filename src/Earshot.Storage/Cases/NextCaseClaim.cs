using Earshot.Storage.Tenancy;

namespace Earshot.Storage.Cases;

/// <summary>What "next case" handed the agent: a case already theirs, a newly claimed one, or nothing.</summary>
public enum NextCaseResult { Own, Claimed, None }

/// <summary>
/// Decides and records "next case" in one round trip where the database allows. PostgreSQL: a single statement
/// returns the agent's own waiting case if they have one, else claims the top unassigned waiting case they may
/// take (`FOR UPDATE SKIP LOCKED`, so agents asking at the same moment each take a different case without waiting
/// for one another) when their pending cases leave room, and records the assignment event. SQLite: the same steps
/// under its single write lock (it cannot race), in one transaction. The agent's teams narrow the choice when they
/// belong to any. The statements name the caller's workspaces themselves (EF Core cannot put its workspace filter
/// around SQL that writes), so they lift that filter.
/// </summary>
public static class NextCaseClaim
{
    private static readonly string Pending = nameof(CaseStatus.PendingCustomer);

    public static async Task<(NextCaseResult Result, Case? Case)> TakeAsync(
        EarshotDbContext db, Guid agentId, IReadOnlyCollection<Guid>? workspaceIds, DateTime now, CancellationToken cancellationToken)
    {
        now = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc); // microseconds, as PostgreSQL keeps it
        var eventId = Guid.CreateVersion7();
        var data = CaseJson.Of(new { assignee_id = agentId, how = "next_case" });
        var parameters = new List<object> { agentId, now, eventId, data, Pending };
        var workspaces = WorkspaceCondition(workspaceIds, parameters);
        var postgres = db.Provider == DatabaseProvider.Postgres;
        var queued = postgres ? "queued" : "queued = 1";
        var own = $"SELECT * FROM cases WHERE {queued} AND assignee_id = {{0}}{workspaces} ORDER BY rank_key LIMIT 1";
        var room = "EXISTS (SELECT 1 FROM users WHERE id = {0} AND capacity > "
            + "(SELECT count(*) FROM cases WHERE assignee_id = {0} AND status = {4}))";
        var pick = $"""
            SELECT id FROM cases
            WHERE {queued} AND assignee_id IS NULL{workspaces}
              AND (NOT EXISTS (SELECT 1 FROM team_members WHERE user_id = {"{0}"})
                   OR team_id IN (SELECT team_id FROM team_members WHERE user_id = {"{0}"}))
            ORDER BY rank_key LIMIT 1{(postgres ? " FOR UPDATE SKIP LOCKED" : "")}
            """;
        const string assign = "UPDATE cases SET assignee_id = {0}, updated_at = {1} WHERE ";
        const string insertEvent = "INSERT INTO case_events (id, case_id, kind, actor_id, post_id, data_json, at) ";

        if (postgres)
        {
            var sql = $"WITH own AS ({own}), claimed AS ({assign}NOT EXISTS (SELECT 1 FROM own) AND {room} AND id = ({pick}) RETURNING *), "
                + $"recorded AS ({insertEvent}SELECT {{2}}, id, '{CaseEventKinds.Assigned}', {{0}}, NULL, {{3}}, {{1}} FROM claimed) "
                + "SELECT * FROM own UNION ALL SELECT * FROM claimed";
            var found = await db.Cases.FromSqlRaw(sql, [.. parameters]).IgnoreQueryFilters([WorkspaceFilters.Name]).AsNoTracking().AsAsyncEnumerable().ToListAsync(cancellationToken);
            return found.Count == 0 ? (NextCaseResult.None, null)
                : found[0].AssigneeId == agentId && found[0].UpdatedAt == now ? (NextCaseResult.Claimed, found[0]) : (NextCaseResult.Own, found[0]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mine = await db.Cases.FromSqlRaw(own, [.. parameters]).IgnoreQueryFilters([WorkspaceFilters.Name]).AsNoTracking().AsAsyncEnumerable().FirstOrDefaultAsync(cancellationToken);
        if (mine is not null)
            return (NextCaseResult.Own, mine);
        var claim = assign + room + " AND id = (" + pick + ") RETURNING *"; // only our own fragments; values are parameters
        var claimed = await db.Cases.FromSqlRaw(claim, [.. parameters]).IgnoreQueryFilters([WorkspaceFilters.Name])
            .AsNoTracking().AsAsyncEnumerable().FirstOrDefaultAsync(cancellationToken);
        if (claimed is null)
            return (NextCaseResult.None, null);
        db.CaseEvents.Add(new CaseEvent { Id = eventId, CaseId = claimed.Id, Kind = CaseEventKinds.Assigned, ActorId = agentId, At = now, DataJson = data });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (NextCaseResult.Claimed, claimed);
    }

    /// <summary>Whether the agent's pending cases already fill their capacity (why "next case" found nothing).</summary>
    public static Task<bool> AtCapacityAsync(EarshotDbContext db, Guid agentId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == agentId)
            .Select(u => db.Cases.Count(c => c.AssigneeId == agentId && c.Status == CaseStatus.PendingCustomer) >= u.Capacity)
            .FirstOrDefaultAsync(cancellationToken);

    private static string WorkspaceCondition(IReadOnlyCollection<Guid>? workspaceIds, List<object> parameters)
    {
        if (workspaceIds is null)
            return "";
        var names = new List<string>();
        foreach (var id in workspaceIds)
        {
            names.Add("{" + parameters.Count + "}");
            parameters.Add(id);
        }
        return names.Count == 0 ? " AND 1 = 0" : $" AND workspace_id IN ({string.Join(", ", names)})";
    }
}
