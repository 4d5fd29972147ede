using Earshot.Reports;

namespace Earshot.Api;

/// <summary>`/api/reports`: fairness by follower tier, response times and SLA attainment.</summary>
public static class ReportsApi
{
    public static void MapReportsApi(this WebApplication app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports");
        reports.MapGet("/fairness", FairnessAsync).WithName("FairnessReport")
            .WithDescription("First-response time (median, p90) and answer rate per follower tier (<100, 100-1k, 1k-10k, >=10k), overall, per team and per channel, with parity ratios. from/to default to the last 30 days. With Accept: text/csv or format=csv: the tier tables as CSV.");
        reports.MapGet("/response-times", ResponseTimesAsync).WithName("ResponseTimesReport")
            .WithDescription("First-response time and SLA attainment per team, agent, channel and intent, and the backlog. With Accept: text/csv or format=csv: the per-group table as CSV.");
    }

    private static Task<IResult> FairnessAsync(DateTime? from, DateTime? to, string? workspace, HttpRequest request, EarshotDbContext db, AccessScope scope, WorkspaceResolver resolver, TimeProvider clock, CancellationToken cancellationToken) =>
        ReportAsync(from, to, workspace, scope, resolver, clock, async (workspaces, period) =>
        {
            var report = await FairnessReport.BuildAsync(db, workspaces, period.From, period.To, cancellationToken);
            return Exports.CsvDownload.Wanted(request) ? Exports.ReportsCsv.Fairness(report, clock.GetUtcNow().UtcDateTime) : TypedResults.Ok(report);
        }, cancellationToken);

    private static Task<IResult> ResponseTimesAsync(DateTime? from, DateTime? to, string? workspace, HttpRequest request, EarshotDbContext db, AccessScope scope, WorkspaceResolver resolver, TimeProvider clock, CancellationToken cancellationToken) =>
        ReportAsync(from, to, workspace, scope, resolver, clock, async (workspaces, period) =>
        {
            var report = await ResponseTimesReport.BuildAsync(db, workspaces, period.From, period.To, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return Exports.CsvDownload.Wanted(request) ? Exports.ReportsCsv.ResponseTimes(report, clock.GetUtcNow().UtcDateTime) : TypedResults.Ok(report);
        }, cancellationToken);

    /// <summary>Checks the period and the workspace the way every report does, then builds the report.</summary>
    private static async Task<IResult> ReportAsync(
        DateTime? from, DateTime? to, string? workspace, AccessScope scope, WorkspaceResolver resolver, TimeProvider clock,
        Func<IReadOnlyCollection<Guid>?, (DateTime From, DateTime To), Task<IResult>> build, CancellationToken cancellationToken)
    {
        var (period, problem) = Period(from, to, clock);
        if (problem is not null)
            return problem;
        var (workspaces, error) = await WorkspacesAsync(workspace, scope, resolver, cancellationToken);
        if (error is not null)
            return ApiProblems.Field("workspace", error, 404);
        return await build(workspaces, period);
    }

    internal static ((DateTime From, DateTime To) Period, IResult? Problem) Period(DateTime? from, DateTime? to, TimeProvider clock)
    {
        var end = to?.ToUniversalTime() ?? clock.GetUtcNow().UtcDateTime.AddMinutes(1);
        var start = from?.ToUniversalTime() ?? end.AddDays(-30);
        return start >= end ? (default, ApiProblems.Field("from", new Phrase("'from' must be before 'to'"))) : ((start, end), null);
    }

    /// <summary>One named workspace, or all of the caller's.</summary>
    internal static async Task<(IReadOnlyCollection<Guid>? Ids, Phrase? Error)> WorkspacesAsync(string? workspace, AccessScope scope, WorkspaceResolver resolver, CancellationToken cancellationToken)
    {
        if (workspace is null)
            return (await scope.WorkspaceIdsAsync(cancellationToken), null);
        var (id, error) = await resolver.ResolveAsync(workspace, cancellationToken);
        return id is null ? (null, error) : ([id.Value], null);
    }
}
