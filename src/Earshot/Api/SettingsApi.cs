using System.Text.Json;
using Earshot.Core.Access;
using Earshot.Core.Cases;
using Earshot.Core.Posts;
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
            return ApiProblems.Field("name", "give the team a name of 1 to 200 characters");
        var mode = ParseAssignment(body.Assignment ?? "manual");
        if (mode is null)
            return ApiProblems.Field("assignment", "use manual, round_robin or least_loaded");
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
        IReadOnlyList<string>? Intents, IReadOnlyList<string>? Severities, IReadOnlyList<string>? Channels, IReadOnlyList<string>? Languages, bool? Enabled);

    private static readonly string[] KnownIntents = ["complaint", "question", "praise", "suggestion", "fyi"];
    private static readonly string[] KnownSeverities = ["outage", "safety", "billing", "legal", "switching"];

    private static async Task<IResult> SaveRuleAsync(
        SaveRuleBody body, WorkspaceResolver resolver, EarshotDbContext db, CaseSettings settings, AuditLog audit, AccessScope scope, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(body.Workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        var (parts, errors) = await CheckRuleAsync(db, workspaceId.Value, body, cancellationToken);
        if (parts is null)
            return TypedResults.ValidationProblem(errors);
        var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.WorkspaceId == workspaceId && r.Name == body.Name, cancellationToken);
        if (rule is null)
            db.RoutingRules.Add(rule = new RoutingRule { WorkspaceId = workspaceId.Value, Name = body.Name!.Trim() });
        ApplyRule(rule, body with { Enabled = body.Enabled ?? true }, parts);
        var (team, topics) = (parts.Team, parts.Topics);
        audit.Add(db, AuditKinds.RoutingRuleSaved, AuditActor.User(scope.UserId), workspaceId, new
        {
            rule = rule.Name, team = team.Name, position = rule.Position, topics = topics.Select(t => t.Name).ToList(),
            rule.Intents, rule.Severities, channels = rule.ChannelKinds, rule.Languages, rule.Enabled,
        });
        await db.SaveChangesAsync(cancellationToken);
        settings.Invalidate(workspaceId.Value);
        return TypedResults.Ok(new { rule.Id, rule.Name });
    }

    private static void Check(Dictionary<string, string[]> errors, string field, IReadOnlyList<string>? values, string[] known)
    {
        var unknown = (values ?? []).Where(v => !known.Contains(v)).ToList();
        if (unknown.Count > 0)
            errors[field] = [$"unknown: {string.Join(", ", unknown)}; use {string.Join(", ", known)}"];
    }

    private static async Task<IResult> DeleteRuleAsync(Guid id, AccessScope scope, EarshotDbContext db, CaseSettings settings, AuditLog audit, CancellationToken cancellationToken)
    {
        var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null || !await scope.AllowsAsync(rule.WorkspaceId, cancellationToken))
            return ApiProblems.NotFound("routing rule");
        db.RoutingRules.Remove(rule);
        audit.Add(db, AuditKinds.RoutingRuleDeleted, AuditActor.User(scope.UserId), rule.WorkspaceId, new { rule = rule.Name, rule_id = rule.Id });
        await db.SaveChangesAsync(cancellationToken);
        settings.Invalidate(rule.WorkspaceId);
        return TypedResults.NoContent();
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

    public sealed record SaveSlaBody(string? Workspace, string? Name, string? Team, string? Intent, int? FirstResponseMinutes, int? NextResponseMinutes, int? ResolutionMinutes, string? Calendar);

    private static async Task<IResult> SaveSlaAsync(
        SaveSlaBody body, WorkspaceResolver resolver, EarshotDbContext db, CaseSettings settings, AuditLog audit, AccessScope scope, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(body.Workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        var (parts, errors) = await CheckSlaAsync(db, workspaceId.Value, body, cancellationToken);
        if (parts is null)
            return TypedResults.ValidationProblem(errors);
        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.WorkspaceId == workspaceId && p.Name == body.Name, cancellationToken);
        if (policy is null)
            db.SlaPolicies.Add(policy = new SlaPolicy { WorkspaceId = workspaceId.Value, Name = body.Name!.Trim() });
        ApplySla(policy, body, parts);
        var (team, calendar) = (parts.Team, parts.Calendar);
        audit.Add(db, AuditKinds.SlaPolicySaved, AuditActor.User(scope.UserId), workspaceId, new
        {
            policy = policy.Name, team = team?.Name, policy.Intent, policy.FirstResponseMinutes, policy.NextResponseMinutes, policy.ResolutionMinutes, calendar = calendar?.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        settings.Invalidate(workspaceId.Value);
        return TypedResults.Ok(new { policy.Id, policy.Name });
    }

    public sealed record SaveCalendarBody(string? Workspace, string? Name, string? TimeZone, IReadOnlyList<string>? Hours, IReadOnlyList<string>? Holidays);

    private static async Task<IResult> SaveCalendarAsync(
        SaveCalendarBody body, WorkspaceResolver resolver, EarshotDbContext db, CaseSettings settings, AuditLog audit, AccessScope scope, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(body.Workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        var (candidate, problem) = CheckCalendar(body);
        if (candidate is null)
            return problem!;
        var calendar = await db.BusinessCalendars.FirstOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.Name == candidate.Name, cancellationToken);
        if (calendar is null)
            db.BusinessCalendars.Add(calendar = new BusinessCalendar { WorkspaceId = workspaceId.Value, Name = candidate.Name });
        calendar.TimeZone = candidate.TimeZone;
        calendar.Hours = candidate.Hours;
        calendar.Holidays = candidate.Holidays;
        audit.Add(db, AuditKinds.CalendarSaved, AuditActor.User(scope.UserId), workspaceId, new { calendar = calendar.Name, time_zone = calendar.TimeZone, hours = calendar.Hours, holidays = calendar.Holidays });
        await db.SaveChangesAsync(cancellationToken);
        settings.Invalidate(workspaceId.Value);
        return TypedResults.Ok(new { calendar.Id, calendar.Name });
    }

    private static async Task<IResult> CannedAsync(string? workspace, WorkspaceResolver resolver, EarshotDbContext db, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        return TypedResults.Ok(await db.CannedReplies.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Name)
            .Select(r => new { r.Id, r.Name, r.Body }).ToListAsync(cancellationToken));
    }

    public sealed record SaveCannedBody(string? Workspace, string? Name, string? Body);

    private static async Task<IResult> SaveCannedAsync(
        SaveCannedBody body, WorkspaceResolver resolver, EarshotDbContext db, AuditLog audit, AccessScope scope, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(body.Workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        if (CheckCanned(body) is { } problem)
            return problem;
        var reply = await db.CannedReplies.FirstOrDefaultAsync(r => r.WorkspaceId == workspaceId && r.Name == body.Name, cancellationToken);
        if (reply is null)
            db.CannedReplies.Add(reply = new CannedReply { WorkspaceId = workspaceId.Value, Name = body.Name!.Trim(), Body = body.Body! });
        var created = db.Entry(reply).State == EntityState.Added;
        reply.Body = body.Body!;
        audit.Add(db, AuditKinds.CannedReplySaved, AuditActor.User(scope.UserId), workspaceId, new { reply = reply.Name, created, length = reply.Body.Length });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new { reply.Id, reply.Name });
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
        SavePolicyBody body, WorkspaceResolver resolver, AccessScope scope, EarshotDbContext db, CaseSettings settings, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (workspaceId, error) = await resolver.ResolveAsync(body.Workspace, cancellationToken);
        if (workspaceId is null)
            return ApiProblems.Field("workspace", error!, 404);
        var row = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, cancellationToken);
        var before = CasePolicy.Parse(row.CasePolicyJson);
        var after = before;
        if (body.Policy is { ValueKind: JsonValueKind.Object } json)
        {
            try
            {
                after = JsonSerializer.Deserialize<CasePolicy>(json.GetRawText(), CasePolicy.Json)!;
            }
            catch (JsonException problem)
            {
                return ApiProblems.Field("policy" + (problem.Path is { Length: > 1 } path ? path[1..] : ""), problem.Message);
            }
            if (after.SlaWarningMinutes is < 0 or > 120)
                return ApiProblems.Field("policy.sla_warning_minutes", "0 to 120 minutes");
            if (after.JoinWindowHours is < 0 or > 720)
                return ApiProblems.Field("policy.join_window_hours", "0 to 720 hours");
            if (after.ReachFactorEnabled != before.ReachFactorEnabled && !scope.IsAdmin)
                return ApiProblems.Field("policy.reach_factor_enabled", "only an admin may turn the reach factor on or off", 403);
        }
        if (body.FallbackTeam is not null)
        {
            var team = await db.Teams.FirstOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Name == body.FallbackTeam, cancellationToken);
            if (team is null)
                return ApiProblems.Field("fallback_team", $"no team '{body.FallbackTeam}' in this workspace");
            row.FallbackTeamId = team.Id;
        }
        row.CasePolicyJson = after.ToJson();
        if (after != before || body.FallbackTeam is not null)
            audit.Add(db, AuditKinds.CasePolicyChanged, AuditActor.User(scope.UserId), workspaceId, new
            {
                workspace = row.Name, before = JsonSerializer.Deserialize<JsonElement>(before.ToJson()), after = JsonSerializer.Deserialize<JsonElement>(after.ToJson()),
                fallback_team = body.FallbackTeam,
            });
        if (after.ReachFactorEnabled != before.ReachFactorEnabled || after.ReachMinutesPerTenfold != before.ReachMinutesPerTenfold)
            db.AuditEvents.Add(new AuditEvent
            {
                WorkspaceId = workspaceId, ActorId = scope.UserId, Kind = AuditKinds.ReachFactorChanged, At = clock.GetUtcNow().UtcDateTime,
                DataJson = JsonSerializer.Serialize(new { enabled = after.ReachFactorEnabled, minutes_per_tenfold = after.ReachMinutesPerTenfold, was_enabled = before.ReachFactorEnabled }),
            });
        await db.SaveChangesAsync(cancellationToken);
        settings.Invalidate(workspaceId.Value);
        // Waiting cases take the new head starts at once, so the queue never mixes two policies.
        var reranked = after == before ? 0 : await CaseRanking.RecomputeAsync(db, workspaceId.Value, after, cancellationToken);
        return TypedResults.Ok(new { workspace = row.Name, policy = after, reranked });
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
