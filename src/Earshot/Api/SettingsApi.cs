using System.Text.Json;
using Earshot.Core.Access;
using Earshot.Core.Cases;
using Earshot.Core.Workspaces;
using Earshot.Engine.Audit;
using Earshot.Engine.Cases;

namespace Earshot.Api;

/// <summary>
/// What leads change: teams and their members, routing rules, SLA policies, business calendars, canned replies and
/// the workspace's case policy. Everyone in a workspace may read them; only leads and admins change them, and only
/// admins turn the reach factor on or off (audited).
/// </summary>
public static partial class SettingsApi
{
    public static void MapSettingsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Settings");
        api.MapGet("/teams", TeamsAsync).WithName("ListTeams");
        api.MapPost("/teams", SaveTeamAsync).RequireAuthorization(AccessServices.Manage).WithName("SaveTeam");
        api.MapGet("/routing-rules", RulesAsync).WithName("ListRoutingRules");
        api.MapPost("/routing-rules", SaveRuleAsync).RequireAuthorization(AccessServices.Manage).WithName("SaveRoutingRule");
        api.MapDelete("/routing-rules/{id:guid}", DeleteRuleAsync).RequireAuthorization(AccessServices.Manage).WithName("DeleteRoutingRule");
        api.MapGet("/sla-policies", SlasAsync).WithName("ListSlaPolicies");
        api.MapPost("/sla-policies", SaveSlaAsync).RequireAuthorization(AccessServices.Manage).WithName("SaveSlaPolicy");
        api.MapPost("/calendars", SaveCalendarAsync).RequireAuthorization(AccessServices.Manage).WithName("SaveCalendar");
        api.MapGet("/canned-replies", CannedAsync).WithName("ListCannedReplies");
        api.MapPost("/canned-replies", SaveCannedAsync).RequireAuthorization(AccessServices.Manage).WithName("SaveCannedReply");
        api.MapGet("/case-policy", PolicyAsync).WithName("GetCasePolicy");
        api.MapPut("/case-policy", SavePolicyAsync).RequireAuthorization(AccessServices.Manage).WithName("SaveCasePolicy")
            .WithDescription("Changes the workspace's case policy and fallback team. Only admins may change reach_factor_enabled; every change to it is audited and shown in the fairness report.");
        MapEdits(api);
    }

    public sealed record TeamView(Guid Id, string Name, string Assignment, IReadOnlyList<MemberView> Members);

    public sealed record MemberView(Guid UserId, string Email, string Name, string Role, bool Lead, bool Available, int Capacity);

    private static async Task<IResult> TeamsAsync(string? workspace, WorkspaceResolver resolver, EarshotDbContext db, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        var teams = await db.Teams.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        var teamIds = teams.Select(t => t.Id).ToList();
        var members = await db.TeamMembers.AsNoTracking().Where(m => teamIds.Contains(m.TeamId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.TeamId, View = new MemberView(u.Id, u.Email, u.DisplayName, u.Role, m.IsLead, u.Available, u.Capacity) })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(teams.Select(t => new TeamView(t.Id, t.Name, Wire(t.Assignment),
            members.Where(m => m.TeamId == t.Id).Select(m => m.View).OrderBy(m => m.Name).ToList())).ToList());
    }

    public sealed record SaveTeamBody(string? Workspace, string? Name, string? Assignment);

    private static async Task<IResult> SaveTeamAsync(
        SaveTeamBody body, WorkspaceResolver resolver, EarshotDbContext db, CaseSettings settings, AuditLog audit, AccessScope scope, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(body.Workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200)
            return ApiProblems.Field("name", new Phrase("give the team a name of 1 to 200 characters"));
        var mode = ParseAssignment(body.Assignment ?? "manual");
        if (mode is null)
            return ApiProblems.Field("assignment", new Phrase("use manual, round_robin or least_loaded"));
        var team = await db.Teams.FirstOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Name == body.Name, cancellationToken);
        if (team is null)
            db.Teams.Add(team = new Team { WorkspaceId = workspaceId.Value, Name = body.Name.Trim() });
        var before = db.Entry(team).State == EntityState.Added ? null : Wire(team.Assignment);
        team.Assignment = mode.Value;
        audit.Add(db, AuditKinds.TeamSaved, AuditActor.User(scope.UserId), workspaceId, new { team = team.Name, assignment = new { before, after = Wire(mode.Value) } });
        await db.SaveChangesAsync(cancellationToken);
        settings.Invalidate(workspaceId.Value);
        return TypedResults.Ok(new { team.Id, team.Name, assignment = Wire(team.Assignment) });
    }

    public sealed record RuleView(Guid Id, int Position, string Name, string Team, IReadOnlyList<string> Topics, IReadOnlyList<string> Intents,
        IReadOnlyList<string> Severities, IReadOnlyList<string> Channels, IReadOnlyList<string> Languages, bool Enabled);

    private static async Task<IResult> RulesAsync(string? workspace, WorkspaceResolver resolver, EarshotDbContext db, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        var rules = await db.RoutingRules.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Position).ThenBy(r => r.Name).ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var topics = await db.Topics.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        return TypedResults.Ok(rules.Select(r => new RuleView(r.Id, r.Position, r.Name, teams.GetValueOrDefault(r.TeamId, "?"),
            r.TopicIds.Select(t => topics.GetValueOrDefault(t, "?")).ToList(), r.Intents, r.Severities, r.ChannelKinds, r.Languages, r.Enabled)).ToList());
    }

    public sealed record SaveRuleBody(string? Workspace, string? Name, int? Position, string? Team, IReadOnlyList<string>? Topics,
        IReadOnlyList<string>? Intents, IReadOnlyList<string>? Severities, IReadOnlyList<string>? Channels, IReadOnlyList<string>? Languages, bool? Enabled)
    {
        public SettingsAdmin.RuleSpec Spec => new(Name, Position, Team, Topics, Intents, Severities, Channels, Languages, Enabled);
    }

    private static async Task<IResult> SaveRuleAsync(
        SaveRuleBody body, WorkspaceResolver resolver, SettingsAdmin admin, CaseSettings settings, AccessScope scope, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(body.Workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        // Saving by name is a whole rule: one saved without "enabled" is on.
        return Answer(await admin.SaveRuleAsync(AuditActor.User(scope.UserId), workspaceId.Value, body.Spec with { Enabled = body.Enabled ?? true }, cancellationToken), settings);
    }

    public sealed record SlaView(Guid Id, string Name, string? Team, string? Intent, int FirstResponseMinutes, int NextResponseMinutes, int ResolutionMinutes, string? Calendar);

    private static async Task<IResult> SlasAsync(string? workspace, WorkspaceResolver resolver, EarshotDbContext db, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        var policies = await db.SlaPolicies.AsNoTracking().Where(p => p.WorkspaceId == workspaceId).OrderBy(p => p.Name)
            .Select(p => new SlaView(p.Id, p.Name, db.Teams.Where(t => t.Id == p.TeamId).Select(t => t.Name).FirstOrDefault(), p.Intent,
                p.FirstResponseMinutes, p.NextResponseMinutes, p.ResolutionMinutes,
                db.BusinessCalendars.Where(c => c.Id == p.CalendarId).Select(c => c.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(policies);
    }

    public sealed record SaveSlaBody(string? Workspace, string? Name, string? Team, string? Intent, int? FirstResponseMinutes, int? NextResponseMinutes, int? ResolutionMinutes, string? Calendar)
    {
        public SettingsAdmin.SlaSpec Spec => new(Name, Team, Intent, FirstResponseMinutes, NextResponseMinutes, ResolutionMinutes, Calendar);
    }

    private static async Task<IResult> SaveSlaAsync(
        SaveSlaBody body, WorkspaceResolver resolver, SettingsAdmin admin, CaseSettings settings, AccessScope scope, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(body.Workspace, cancellationToken);
        return workspaceId is null
            ? ApiProblems.Field("workspace", error!, 404)
            : Answer(await admin.SaveSlaAsync(AuditActor.User(scope.UserId), workspaceId.Value, body.Spec, cancellationToken), settings);
    }

    public sealed record SaveCalendarBody(string? Workspace, string? Name, string? TimeZone, IReadOnlyList<string>? Hours, IReadOnlyList<string>? Holidays)
    {
        public SettingsAdmin.CalendarSpec Spec => new(Name, TimeZone, Hours, Holidays);
    }

    private static async Task<IResult> SaveCalendarAsync(
        SaveCalendarBody body, WorkspaceResolver resolver, SettingsAdmin admin, CaseSettings settings, AccessScope scope, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(body.Workspace, cancellationToken);
        return workspaceId is null
            ? ApiProblems.Field("workspace", error!, 404)
            : Answer(await admin.SaveCalendarAsync(AuditActor.User(scope.UserId), workspaceId.Value, body.Spec, cancellationToken), settings);
    }

    private static async Task<IResult> CannedAsync(string? workspace, WorkspaceResolver resolver, EarshotDbContext db, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        return TypedResults.Ok(await db.CannedReplies.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Name)
            .Select(r => new { r.Id, r.Name, r.Body }).ToListAsync(cancellationToken));
    }

    public sealed record SaveCannedBody(string? Workspace, string? Name, string? Body)
    {
        public SettingsAdmin.CannedSpec Spec => new(Name, Body);
    }

    private static async Task<IResult> SaveCannedAsync(
        SaveCannedBody body, WorkspaceResolver resolver, SettingsAdmin admin, AccessScope scope, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(body.Workspace, cancellationToken);
        return workspaceId is null
            ? ApiProblems.Field("workspace", error!, 404)
            : Answer(await admin.SaveCannedAsync(AuditActor.User(scope.UserId), workspaceId.Value, body.Spec, cancellationToken), null);
    }

    private static async Task<IResult> PolicyAsync(string? workspace, WorkspaceResolver resolver, EarshotDbContext db, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        var row = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == workspaceId, cancellationToken);
        var fallback = await db.Teams.Where(t => t.Id == row.FallbackTeamId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(new { workspace = row.Name, fallback_team = fallback, policy = CasePolicy.Parse(row.CasePolicyJson) });
    }

    public sealed record SavePolicyBody(string? Workspace, string? FallbackTeam, JsonElement? Policy);

    private static async Task<IResult> SavePolicyAsync(
        SavePolicyBody body, WorkspaceResolver resolver, AccessScope scope, SettingsAdmin admin, CaseSettings settings, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(body.Workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        var (saved, refusal) = await admin.SavePolicyAsync(AuditActor.User(scope.UserId), scope.IsAdmin, workspaceId.Value, body.FallbackTeam, body.Policy, cancellationToken);
        if (refusal is not null)
            return ApiProblems.Refused(refusal);
        settings.Invalidate(workspaceId.Value);
        return TypedResults.Ok(new { workspace = saved!.Workspace, policy = saved.Policy, saved.Reranked });
    }

    /// <summary>A saved setting's id and name (its workspace's cached case settings refreshed), or the refusal as problem details.</summary>
    private static IResult Answer((SettingsAdmin.Saved? Saved, Refusal? Refusal) result, CaseSettings? settings)
    {
        if (result.Refusal is not null)
            return ApiProblems.Refused(result.Refusal);
        settings?.Invalidate(result.Saved!.WorkspaceId);
        return TypedResults.Ok(new { result.Saved!.Id, result.Saved.Name });
    }

    private static AssignmentMode? ParseAssignment(string text) => text switch
    {
        "manual" => AssignmentMode.Manual,
        "round_robin" => AssignmentMode.RoundRobin,
        "least_loaded" => AssignmentMode.LeastLoaded,
        _ => null,
    };

    public static string Wire(AssignmentMode mode) => mode switch
    {
        AssignmentMode.RoundRobin => "round_robin",
        AssignmentMode.LeastLoaded => "least_loaded",
        _ => "manual",
    };
}
