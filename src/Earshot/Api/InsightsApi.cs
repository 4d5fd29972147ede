using Earshot.Core.Wording;
using Earshot.Insights;

namespace Earshot.Api;

/// <summary>`/api/insights`: volume and sentiment over time, share of voice, gripes, delights, switchers, people, emerging terms.</summary>
public static class InsightsApi
{
    public static void MapInsightsApi(this WebApplication app) =>
        app.MapGet("/api/insights", GetAsync).WithTags("Insights").WithName("Insights")
            .WithDescription("What the stream says over a period (from/to, default the last 7 days; widened to whole hours up to 3 days, whole days beyond) for the caller's workspaces or the one named, filtered by topic name, channel kind, language, sentiment and intent. Read from rollups kept by the pipeline.");

    private static async Task<IResult> GetAsync(
        DateTime? from, DateTime? to, string? topic, string? channel, string? language, string? sentiment, string? intent, string? workspace,
        EarshotDbContext db, AccessScope scope, WorkspaceResolver resolver, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (workspaces, missing) = await ReportsApi.WorkspacesAsync(workspace, scope, resolver, cancellationToken);
        if (missing is not null)
            return ApiProblems.Field("workspace", missing, 404);
        var (query, errors) = new InsightRequest(from, to, topic, channel, language, sentiment, intent).Check(workspaces, clock.GetUtcNow().UtcDateTime);
        if (query is null)
            return ApiProblems.Invalid(errors);
        var report = await InsightsBuilder.BuildAsync(db, query, cancellationToken);
        return report is null ? ApiProblems.Field("topic", new Phrase("no topic named '{0}' in your workspaces", query.Topic), 404) : TypedResults.Ok(report);
    }
}
