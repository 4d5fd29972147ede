using Earshot.Engine.Audit;
using Earshot.Engine.Cases;

namespace Earshot.Api;

/// <summary>
/// Changing and deleting routing rules, SLA policies, calendars and canned replies by id. A `PUT` takes the same body
/// and rules as the `POST` that creates; renaming onto another's name answers 409 naming `name`. An id in a workspace
/// that is not the caller's is not found (the storage's workspace filter). Every change is audited.
/// </summary>
public static partial class SettingsApi
{
    private static void MapEdits(RouteGroupBuilder api)
    {
        api.MapPut("/routing-rules/{id:guid}", UpdateRuleAsync).RequireAuthorization(AccessServices.Manage).WithName("UpdateRoutingRule");
        api.MapPut("/sla-policies/{id:guid}", UpdateSlaAsync).RequireAuthorization(AccessServices.Manage).WithName("UpdateSlaPolicy")
            .WithDescription("Changes the policy for cases opened from now on; open cases keep the deadlines they were given.");
        api.MapDelete("/sla-policies/{id:guid}", DeleteSlaAsync).RequireAuthorization(AccessServices.Manage).WithName("DeleteSlaPolicy")
            .WithDescription("Open cases keep their deadlines; new cases take the next matching policy or the built-in one.");
        api.MapGet("/calendars", CalendarsAsync).WithName("ListCalendars");
        api.MapPut("/calendars/{id:guid}", UpdateCalendarAsync).RequireAuthorization(AccessServices.Manage).WithName("UpdateCalendar");
        api.MapDelete("/calendars/{id:guid}", DeleteCalendarAsync).RequireAuthorization(AccessServices.Manage).WithName("DeleteCalendar")
            .WithDescription("Refused (409) while an SLA policy uses the calendar; the answer names those policies.");
        api.MapPut("/canned-replies/{id:guid}", UpdateCannedAsync).RequireAuthorization(AccessServices.Manage).WithName("UpdateCannedReply");
        api.MapDelete("/canned-replies/{id:guid}", DeleteCannedAsync).RequireAuthorization(AccessServices.Manage).WithName("DeleteCannedReply");
    }

    private static async Task<IResult> UpdateRuleAsync(Guid id, SaveRuleBody body, SettingsAdmin admin, CaseSettings settings, AccessScope scope, CancellationToken cancellationToken) =>
        Answer(await admin.UpdateRuleAsync(AuditActor.User(scope.UserId), id, body.Spec, cancellationToken), settings);

    private static async Task<IResult> UpdateSlaAsync(Guid id, SaveSlaBody body, SettingsAdmin admin, CaseSettings settings, AccessScope scope, CancellationToken cancellationToken) =>
        Answer(await admin.UpdateSlaAsync(AuditActor.User(scope.UserId), id, body.Spec, cancellationToken), settings);

    private static async Task<IResult> UpdateCalendarAsync(Guid id, SaveCalendarBody body, SettingsAdmin admin, CaseSettings settings, AccessScope scope, CancellationToken cancellationToken) =>
        Answer(await admin.UpdateCalendarAsync(AuditActor.User(scope.UserId), id, body.Spec, cancellationToken), settings);

    private static async Task<IResult> UpdateCannedAsync(Guid id, SaveCannedBody body, SettingsAdmin admin, AccessScope scope, CancellationToken cancellationToken) =>
        Answer(await admin.UpdateCannedAsync(AuditActor.User(scope.UserId), id, body.Spec, cancellationToken), null);

    private static Task<IResult> DeleteRuleAsync(Guid id, SettingsAdmin admin, CaseSettings settings, AccessScope scope, CancellationToken cancellationToken) =>
        DeleteAsync(SettingKind.Rule, id, admin, settings, scope, cancellationToken);

    private static Task<IResult> DeleteSlaAsync(Guid id, SettingsAdmin admin, CaseSettings settings, AccessScope scope, CancellationToken cancellationToken) =>
        DeleteAsync(SettingKind.Sla, id, admin, settings, scope, cancellationToken);

    private static Task<IResult> DeleteCalendarAsync(Guid id, SettingsAdmin admin, CaseSettings settings, AccessScope scope, CancellationToken cancellationToken) =>
        DeleteAsync(SettingKind.Calendar, id, admin, settings, scope, cancellationToken);

    private static Task<IResult> DeleteCannedAsync(Guid id, SettingsAdmin admin, CaseSettings settings, AccessScope scope, CancellationToken cancellationToken) =>
        DeleteAsync(SettingKind.Canned, id, admin, settings, scope, cancellationToken);

    /// <summary>Deleting: 204 and the workspace's case settings refreshed, or the refusal (404, or 409 for a calendar in use).</summary>
    private static async Task<IResult> DeleteAsync(SettingKind kind, Guid id, SettingsAdmin admin, CaseSettings settings, AccessScope scope, CancellationToken cancellationToken)
    {
        var (deleted, refusal) = await admin.DeleteAsync(kind, AuditActor.User(scope.UserId), id, cancellationToken);
        if (refusal is not null)
            return ApiProblems.Refused(refusal);
        settings.Invalidate(deleted!.WorkspaceId);
        return TypedResults.NoContent();
    }

    public sealed record CalendarView(Guid Id, string Name, string TimeZone, IReadOnlyList<string> Hours, IReadOnlyList<string> Holidays, IReadOnlyList<string> UsedBy);

    private static async Task<IResult> CalendarsAsync(string? workspace, WorkspaceResolver resolver, EarshotDbContext db, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        var calendars = await db.BusinessCalendars.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var users = await db.SlaPolicies.AsNoTracking().Where(p => p.WorkspaceId == workspaceId && p.CalendarId != null)
            .Select(p => new { p.CalendarId, p.Name }).ToListAsync(cancellationToken);
        return TypedResults.Ok(calendars.Select(c => new CalendarView(c.Id, c.Name, c.TimeZone, c.Hours, c.Holidays,
            users.Where(u => u.CalendarId == c.Id).Select(u => u.Name).Order(StringComparer.Ordinal).ToList())).ToList());
    }

}
