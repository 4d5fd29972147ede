using Earshot.Insights;
using Earshot.Reports;

namespace Earshot.Digests;

/// <summary>One person's week: the insight report and the SLA figures over their workspaces, and the alerts opened.</summary>
public sealed record Digest(
    DigestWeek Week,
    InsightsReport Insights,
    ResponseStats Responses,
    int AlertCount,
    IReadOnlyList<Digest.AlertLine> TopAlerts)
{
    public const int TopItems = 5;

    public sealed record AlertLine(string Kind, string Topic, int Count, DateTime StartedAt);

    /// <param name="workspaceIds">Null for an admin: every workspace.</param>
    public static async Task<Digest?> BuildAsync(
        EarshotDbContext db, DigestWeek week, IReadOnlyCollection<Guid>? workspaceIds, DateTime now, CancellationToken cancellationToken)
    {
        var (query, _) = new InsightRequest(week.From, week.To, null, null, null, null, null).Check(workspaceIds, now);
        if (query is null || await InsightsBuilder.BuildAsync(db, query, cancellationToken) is not { } insights)
            return null;
        var responses = await ResponseTimesReport.BuildAsync(db, workspaceIds, week.From, week.To, now, cancellationToken);
        var alerts = db.Alerts.AsNoTracking()
            .Where(a => a.StartedAt >= week.From && a.StartedAt < week.To && (workspaceIds == null || workspaceIds.Contains(a.WorkspaceId)));
        var count = await alerts.CountAsync(cancellationToken);
        var top = await alerts.OrderByDescending(a => a.Count).ThenBy(a => a.StartedAt).Take(TopItems)
            .Select(a => new AlertLine(a.Kind, db.Topics.Where(t => t.Id == a.TopicId).Select(t => t.Name).FirstOrDefault() ?? "", a.Count, a.StartedAt))
            .ToListAsync(cancellationToken);
        return new Digest(week, insights, responses.Overall, count, top);
    }
}
