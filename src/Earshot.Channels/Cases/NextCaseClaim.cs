using Earshot.Core.Cases;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Channels.Cases;

/// <summary>
/// Claims the top unassigned waiting case and records the assignment, in one round trip where the database
/// allows. PostgreSQL: `WITH claimed AS (UPDATE … WHERE id = (SELECT … ORDER BY rank_key LIMIT 1 FOR UPDATE SKIP
/// LOCKED) RETURNING *) INSERT` the event, so agents claiming at the same moment each take a different case
/// without waiting for one another. SQLite: the same UPDATE under its single write lock (it cannot race) and the
/// event, in one transaction. The agent's teams narrow the choice when they belong to any.
/// </summary>
public static class NextCaseClaim
{
    public static async Task<Case?> ClaimAsync(EarshotDbContext db, Guid agentId, IReadOnlyCollection<Guid>? workspaceIds, DateTime now, CancellationToken cancellationToken)
    {
        var eventId = Guid.CreateVersion7();
        var data = CaseJson.Of(new { assignee_id = agentId, how = "next_case" });
        var parameters = new List<object> { agentId, now, eventId, data };
        var workspaces = "";
        if (workspaceIds is not null)
        {
            var names = new List<string>();
            foreach (var id in workspaceIds)
            {
                names.Add("{" + parameters.Count + "}");
                parameters.Add(id);
            }
            workspaces = names.Count == 0 ? " AND 1 = 0" : $" AND workspace_id IN ({string.Join(", ", names)})";
        }
        var postgres = db.Provider == DatabaseProvider.Postgres;
        var pick = $"""
            SELECT id FROM cases
            WHERE {(postgres ? "queued" : "queued = 1")} AND assignee_id IS NULL{workspaces}
              AND (NOT EXISTS (SELECT 1 FROM team_members WHERE user_id = {"{0}"})
                   OR team_id IN (SELECT team_id FROM team_members WHERE user_id = {"{0}"}))
            ORDER BY rank_key LIMIT 1{(postgres ? " FOR UPDATE SKIP LOCKED" : "")}
            """;
        var update = $"UPDATE cases SET assignee_id = {{0}}, updated_at = {{1}} WHERE id = ({pick}) RETURNING *";
        var insertEvent = "INSERT INTO case_events (id, case_id, kind, actor_id, post_id, data_json, at) ";
        if (postgres)
        {
            var sql = "WITH claimed AS (" + update + "), recorded AS (" + insertEvent
                + "SELECT {2}, id, '" + CaseEventKinds.Assigned + "', {0}, NULL, {3}, {1} FROM claimed) SELECT * FROM claimed";
            return (await db.Cases.FromSqlRaw(sql, [.. parameters]).AsNoTracking().AsAsyncEnumerable().ToListAsync(cancellationToken)).FirstOrDefault();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = (await db.Cases.FromSqlRaw(update, [.. parameters]).AsNoTracking().AsAsyncEnumerable().ToListAsync(cancellationToken)).FirstOrDefault();
        if (claimed is null)
            return null;
        db.CaseEvents.Add(new CaseEvent { Id = eventId, CaseId = claimed.Id, Kind = CaseEventKinds.Assigned, ActorId = agentId, At = now, DataJson = data });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }
}
