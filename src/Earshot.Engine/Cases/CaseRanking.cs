using Earshot.Core.Cases;

namespace Earshot.Engine.Cases;

/// <summary>Re-ranks a workspace's waiting cases after its policy changed (head starts, the reach factor).</summary>
public static class CaseRanking
{
    public static async Task<int> RecomputeAsync(EarshotDbContext db, Guid workspaceId, CasePolicy policy, CancellationToken cancellationToken)
    {
        var waiting = await db.Cases.Where(c => c.WorkspaceId == workspaceId && c.Queued)
            .Join(db.Authors, c => c.AuthorId, a => a.Id, (c, a) => new { Case = c, a.Followers })
            .ToListAsync(cancellationToken);
        foreach (var row in waiting)
            row.Case.Reprioritize(policy, row.Followers);
        await db.SaveChangesAsync(cancellationToken);
        return waiting.Count;
    }
}
