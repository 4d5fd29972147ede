using Earshot.Core.Cases;

namespace Earshot.Reports;

/// <summary>Reads the facts reports need for the cases opened in a period (merged cases left out: their posts moved).</summary>
public static class CaseFactsQuery
{
    public static async Task<List<CaseFacts>> LoadAsync(EarshotDbContext db, IReadOnlyCollection<Guid>? workspaceIds, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var query = db.Cases.AsNoTracking().Where(c => c.OpenedAt >= from && c.OpenedAt < to && c.MergedIntoId == null);
        if (workspaceIds is not null)
            query = query.Where(c => workspaceIds.Contains(c.WorkspaceId));
        return await query
            .Select(c => new CaseFacts(
                c.Id, c.TeamId, c.ChannelId, c.Intent,
                db.Authors.Where(a => a.Id == c.AuthorId).Select(a => a.Followers).FirstOrDefault(),
                c.OpenedAt, c.FirstRespondedAt, c.FirstResponseDueAt, c.Breaches, c.Queued, c.WaitingSince,
                db.CaseEvents.Where(e => e.CaseId == c.Id && e.Kind == CaseEventKinds.Reply).OrderBy(e => e.At).Select(e => e.ActorId).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }
}
