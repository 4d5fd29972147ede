using System.Security.Claims;
using Earshot.Alerts;
using Earshot.Core.Alerts;
using Earshot.Engine.Alerts;
using Earshot.Engine.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Earshot.Api;

/// <summary>`/api/alerts`: list alerts, read one with its chart series and example posts, acknowledge, snooze, close.</summary>
public static class AlertsApi
{
    public static void MapAlertsApi(this WebApplication app)
    {
        var alerts = app.MapGroup("/api/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAsync).WithName("ListAlerts").WithDescription("status: open, closed or all (default all); newest first.");
        alerts.MapGet("/counts", CountsAsync).WithName("CountAlerts")
            .WithDescription("Open alerts, how many of them are acknowledged, and how many need attention (open and not acknowledged).");
        alerts.MapGet("/{id:guid}", GetAsync).WithName("GetAlert").WithDescription("The alert, its topic's per-minute counts around it, its example posts and its history.");
        alerts.MapPost("/{id:guid}/acknowledge", AcknowledgeAsync).RequireAuthorization(Access.AccessServices.WorkCases).WithName("AcknowledgeAlert");
        alerts.MapPost("/{id:guid}/snooze", SnoozeAsync).RequireAuthorization(Access.AccessServices.WorkCases).WithName("SnoozeAlert").WithDescription("Stops update notifications for `minutes` (default 60, at most a week).");
        alerts.MapPost("/{id:guid}/close", CloseAsync).RequireAuthorization(Access.AccessServices.WorkCases).WithName("CloseAlert");
        alerts.MapPost("/{id:guid}/incident", OpenIncidentAsync).RequireAuthorization(Access.AccessServices.WorkCases).WithName("OpenIncidentCase")
            .WithDescription("Opens the alert's incident case in the owning team's queue (201), or returns the one already opened (200). Optional body: {\"severity\": \"outage\"}.");
    }

    public sealed record SnoozeRequest(int? Minutes);

    public sealed record IncidentRequest(string? Severity);

    public sealed record IncidentView(Guid CaseId, string Url);

    private static async Task<Results<Ok<List<AlertView>>, ValidationProblem>> ListAsync(
        EarshotDbContext db, Access.AccessScope scope, string? status, int? limit, CancellationToken cancellationToken)
    {
        if (status is not (null or "all" or AlertStatus.Open or AlertStatus.Closed))
            return ApiProblems.Invalid("status", new Phrase("'status' is open, closed or all"));
        if (limit is < 1 or > 500)
            return ApiProblems.Invalid("limit", new Phrase("'limit' is 1 to 500"));
        return TypedResults.Ok(await AlertQueries.ListAsync(db, status, limit ?? 100, cancellationToken, await scope.WorkspaceIdsAsync(cancellationToken)));
    }

    public sealed record CountsView(int Open, int Acknowledged, int NeedsAttention);

    private static async Task<Ok<CountsView>> CountsAsync(EarshotDbContext db, CancellationToken cancellationToken)
    {
        var counts = await AlertCounts.ForAsync(db, cancellationToken);
        return TypedResults.Ok(new CountsView(counts.Open, counts.Acknowledged, counts.NeedAttention));
    }

    private static async Task<Results<Ok<AlertDetailView>, ProblemHttpResult>> GetAsync(
        Guid id, EarshotDbContext db, Access.AccessScope scope, TimeProvider clock, CancellationToken cancellationToken) =>
        await AlertQueries.GetAsync(db, id, clock.GetUtcNow().UtcDateTime, cancellationToken, await scope.WorkspaceIdsAsync(cancellationToken)) is { } alert
            ? TypedResults.Ok(alert)
            : NotFound(id);

    private static async Task<IResult> AcknowledgeAsync(Guid id, HttpContext http, AlertActions actions, EarshotDbContext db, Access.AccessScope scope, CancellationToken cancellationToken) =>
        !await VisibleAsync(id, db, scope, cancellationToken) ? NotFound(id) : Answer(id, await actions.AcknowledgeAsync(id, Actor(http.User), cancellationToken));

    private static async Task<IResult> SnoozeAsync(Guid id, HttpContext http, AlertActions actions, EarshotDbContext db, Access.AccessScope scope, CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(id, db, scope, cancellationToken))
            return NotFound(id);
        var minutes = 60;
        if (http.Request.ContentLength is > 0)
        {
            SnoozeRequest? request;
            try
            {
                request = await http.Request.ReadFromJsonAsync<SnoozeRequest>(cancellationToken);
            }
            catch (System.Text.Json.JsonException)
            {
                return ApiProblems.Problem(400, new Phrase("The body is not valid JSON"), new Phrase("expected {\"minutes\": N}"));
            }
            minutes = request?.Minutes ?? minutes;
        }
        if (minutes is < 1 or > 7 * 24 * 60)
            return ApiProblems.Invalid("minutes", new Phrase("'minutes' is 1 to 10080 (a week)"));
        return Answer(id, await actions.SnoozeAsync(id, TimeSpan.FromMinutes(minutes), Actor(http.User), cancellationToken));
    }

    private static async Task<IResult> CloseAsync(Guid id, HttpContext http, AlertActions actions, EarshotDbContext db, Access.AccessScope scope, CancellationToken cancellationToken) =>
        !await VisibleAsync(id, db, scope, cancellationToken) ? NotFound(id) : Answer(id, await actions.CloseAsync(id, Actor(http.User), cancellationToken));

    private static async Task<IResult> OpenIncidentAsync(
        Guid id, HttpContext http, IncidentCases incidents, CaseSettings settings, EarshotDbContext db, Access.AccessScope scope, CancellationToken cancellationToken)
    {
        var workspaceId = await AlertQueries.WorkspaceOfAsync(db, id, cancellationToken);
        if (workspaceId is null || !await scope.AllowsAsync(workspaceId.Value, cancellationToken))
            return NotFound(id);
        string? severity = null;
        if (http.Request.ContentLength is > 0)
        {
            try
            {
                severity = (await http.Request.ReadFromJsonAsync<IncidentRequest>(cancellationToken))?.Severity;
            }
            catch (System.Text.Json.JsonException)
            {
                return ApiProblems.Problem(400, new Phrase("The body is not valid JSON"), new Phrase("expected {\"severity\": \"outage\"} or no body"));
            }
        }
        var known = (await settings.ForAsync(workspaceId.Value, cancellationToken)).Policy.SeverityMinutes.Keys;
        if (severity is not null && !known.Contains(severity))
            return ApiProblems.Invalid("severity", new Phrase("'severity' is one of {0}", string.Join(", ", known.Order())));
        var result = await incidents.OpenAsync(id, severity, Actor(http.User), cancellationToken);
        return result switch
        {
            { Outcome: IncidentCases.Outcome.Opened, CaseId: { } opened } => TypedResults.Created($"/cases/{opened}", new IncidentView(opened, $"/cases/{opened}")),
            { Outcome: IncidentCases.Outcome.AlreadyOpen, CaseId: { } linked } => TypedResults.Ok(new IncidentView(linked, $"/cases/{linked}")),
            _ => NotFound(id),
        };
    }

    /// <summary>An alert of a workspace the caller cannot see is answered as if it did not exist.</summary>
    private static async Task<bool> VisibleAsync(Guid id, EarshotDbContext db, Access.AccessScope scope, CancellationToken cancellationToken) =>
        await AlertQueries.WorkspaceOfAsync(db, id, cancellationToken) is { } workspaceId && await scope.AllowsAsync(workspaceId, cancellationToken);

    /// <summary>The signed-in person (claim `sub`), or null until authentication exists.</summary>
    public static Guid? Actor(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;

    private static IResult Answer(Guid id, AlertActions.Outcome outcome) => outcome switch
    {
        AlertActions.Outcome.Done => TypedResults.NoContent(),
        AlertActions.Outcome.AlreadyClosed => ApiProblems.Problem(409, new Phrase("The alert is closed"), new Phrase("alert {0} is already closed", id)),
        _ => NotFound(id),
    };

    private static ProblemHttpResult NotFound(Guid id) =>
        ApiProblems.Problem(404, new Phrase("No such alert"), new Phrase("no alert has the id {0}", id));
}
