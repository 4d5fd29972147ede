using Earshot.Core.Access;
using Earshot.Core.Cases;
using Earshot.Core.Posts;
using Earshot.Core.Topics;
using Earshot.Core.Workspaces;
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

    private static IResult NameTaken(string what, string name) =>
        ApiProblems.Field("name", $"another {what} in this workspace is already named '{name}'; choose another name or change that one", 409);

    private sealed record RuleParts(Team Team, List<Topic> Topics);

    private static async Task<(RuleParts? Parts, Dictionary<string, string[]> Errors)> CheckRuleAsync(
        EarshotDbContext db, Guid workspaceId, SaveRuleBody body, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200)
            errors["name"] = ["give the rule a name of 1 to 200 characters"];
        var team = await db.Teams.FirstOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Name == body.Team, cancellationToken);
        if (team is null)
            errors["team"] = [$"no team '{body.Team}' in this workspace"];
        var topicNames = body.Topics ?? [];
        var topics = await db.Topics.Where(t => t.WorkspaceId == workspaceId && topicNames.Contains(t.Name)).ToListAsync(cancellationToken);
        if (topics.Count != topicNames.Distinct().Count())
            errors["topics"] = [$"unknown topic(s): {string.Join(", ", topicNames.Except(topics.Select(t => t.Name)))}"];
        Check(errors, "intents", body.Intents, KnownIntents);
        Check(errors, "severities", body.Severities, KnownSeverities);
        Check(errors, "channels", body.Channels, Enum.GetValues<ChannelKind>().Select(k => k.WireName()).ToArray());
        return (errors.Count == 0 ? new RuleParts(team!, topics) : null, errors);
    }

    private static void ApplyRule(RoutingRule rule, SaveRuleBody body, RuleParts parts)
    {
        rule.Name = body.Name!.Trim();
        rule.TeamId = parts.Team.Id;
        rule.Position = body.Position ?? rule.Position;
        rule.TopicIds = parts.Topics.Select(t => t.Id).ToList();
        rule.Intents = [.. body.Intents ?? []];
        rule.Severities = [.. body.Severities ?? []];
        rule.ChannelKinds = [.. body.Channels ?? []];
        rule.Languages = [.. (body.Languages ?? []).Select(l => l.Trim().ToLowerInvariant())];
        rule.Enabled = body.Enabled ?? rule.Enabled;
    }

    private static async Task<IResult> UpdateRuleAsync(
        Guid id, SaveRuleBody body, EarshotDbContext db, CaseSettings settings, AuditLog audit, AccessScope scope, CancellationToken cancellationToken)
    {
        var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
            return ApiProblems.NotFound("routing rule");
        var (parts, errors) = await CheckRuleAsync(db, rule.WorkspaceId, body, cancellationToken);
        if (parts is null)
            return TypedResults.ValidationProblem(errors);
        var name = body.Name!.Trim();
        if (await db.RoutingRules.AnyAsync(r => r.WorkspaceId == rule.WorkspaceId && r.Name == name && r.Id != id, cancellationToken))
            return NameTaken("routing rule", name);
        var before = rule.Name;
        ApplyRule(rule, body, parts);
        audit.Add(db, AuditKinds.RoutingRuleSaved, AuditActor.User(scope.UserId), rule.WorkspaceId, new
        {
            rule = rule.Name, rule_id = rule.Id, renamed_from = before == rule.Name ? null : before, team = parts.Team.Name, position = rule.Position,
            topics = parts.Topics.Select(t => t.Name).ToList(), rule.Intents, rule.Severities, channels = rule.ChannelKinds, rule.Languages, rule.Enabled,
        });
        await db.SaveChangesAsync(cancellationToken);
        settings.Invalidate(rule.WorkspaceId);
        return TypedResults.Ok(new { rule.Id, rule.Name });
    }

    private sealed record SlaParts(Team? Team, BusinessCalendar? Calendar);

    private static async Task<(SlaParts? Parts, Dictionary<string, string[]> Errors)> CheckSlaAsync(
        EarshotDbContext db, Guid workspaceId, SaveSlaBody body, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200)
            errors["name"] = ["give the policy a name of 1 to 200 characters"];
        Team? team = null;
        if (body.Team is not null && (team = await db.Teams.FirstOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Name == body.Team, cancellationToken)) is null)
            errors["team"] = [$"no team '{body.Team}' in this workspace"];
        if (body.Intent is not null && !KnownIntents.Contains(body.Intent))
            errors["intent"] = [$"use one of {string.Join(", ", KnownIntents)}"];
        foreach (var (field, value) in new[] { ("first_response_minutes", body.FirstResponseMinutes), ("next_response_minutes", body.NextResponseMinutes), ("resolution_minutes", body.ResolutionMinutes) })
            if (value is < 1 or > 525_600)
                errors[field] = ["give 1 to 525600 minutes"];
        BusinessCalendar? calendar = null;
        if (body.Calendar is not null && (calendar = await db.BusinessCalendars.FirstOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.Name == body.Calendar, cancellationToken)) is null)
            errors["calendar"] = [$"no calendar '{body.Calendar}'; create it with POST /api/calendars"];
        return (errors.Count == 0 ? new SlaParts(team, calendar) : null, errors);
    }

    private static void ApplySla(SlaPolicy policy, SaveSlaBody body, SlaParts parts)
    {
        policy.Name = body.Name!.Trim();
        policy.TeamId = parts.Team?.Id;
        policy.Intent = body.Intent;
        policy.FirstResponseMinutes = body.FirstResponseMinutes ?? policy.FirstResponseMinutes;
        policy.NextResponseMinutes = body.NextResponseMinutes ?? policy.NextResponseMinutes;
        policy.ResolutionMinutes = body.ResolutionMinutes ?? policy.ResolutionMinutes;
        policy.CalendarId = parts.Calendar?.Id;
    }

    private static async Task<IResult> UpdateSlaAsync(
        Guid id, SaveSlaBody body, EarshotDbContext db, CaseSettings settings, AuditLog audit, AccessScope scope, CancellationToken cancellationToken)
    {
        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (policy is null)
            return ApiProblems.NotFound("SLA policy");
        var (parts, errors) = await CheckSlaAsync(db, policy.WorkspaceId, body, cancellationToken);
        if (parts is null)
            return TypedResults.ValidationProblem(errors);
        var name = body.Name!.Trim();
        if (await db.SlaPolicies.AnyAsync(p => p.WorkspaceId == policy.WorkspaceId && p.Name == name && p.Id != id, cancellationToken))
            return NameTaken("SLA policy", name);
        var before = policy.Name;
        ApplySla(policy, body, parts);
        audit.Add(db, AuditKinds.SlaPolicySaved, AuditActor.User(scope.UserId), policy.WorkspaceId, new
        {
            policy = policy.Name, policy_id = policy.Id, renamed_from = before == policy.Name ? null : before, team = parts.Team?.Name, policy.Intent,
            policy.FirstResponseMinutes, policy.NextResponseMinutes, policy.ResolutionMinutes, calendar = parts.Calendar?.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        settings.Invalidate(policy.WorkspaceId);
        return TypedResults.Ok(new { policy.Id, policy.Name });
    }

    private static async Task<IResult> DeleteSlaAsync(Guid id, EarshotDbContext db, CaseSettings settings, AuditLog audit, AccessScope scope, CancellationToken cancellationToken)
    {
        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (policy is null)
            return ApiProblems.NotFound("SLA policy");
        // Cases remember the policy's id, not a key to it: the ones it timed keep their deadlines.
        db.SlaPolicies.Remove(policy);
        audit.Add(db, AuditKinds.SlaPolicyDeleted, AuditActor.User(scope.UserId), policy.WorkspaceId, new { policy = policy.Name, policy_id = policy.Id });
        await db.SaveChangesAsync(cancellationToken);
        settings.Invalidate(policy.WorkspaceId);
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

    private static (BusinessCalendar? Candidate, IResult? Problem) CheckCalendar(SaveCalendarBody body)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200)
            return (null, ApiProblems.Field("name", "give the calendar a name of 1 to 200 characters"));
        var candidate = new BusinessCalendar { Name = body.Name.Trim(), TimeZone = body.TimeZone ?? "UTC" };
        if (body.Hours is not null)
            candidate.Hours = [.. body.Hours];
        candidate.Holidays = [.. body.Holidays ?? []];
        var errors = BusinessHours.Validate(candidate);
        return errors.Count > 0 ? (null, TypedResults.ValidationProblem(errors)) : (candidate, null);
    }

    private static async Task<IResult> UpdateCalendarAsync(
        Guid id, SaveCalendarBody body, EarshotDbContext db, CaseSettings settings, AuditLog audit, AccessScope scope, CancellationToken cancellationToken)
    {
        var calendar = await db.BusinessCalendars.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (calendar is null)
            return ApiProblems.NotFound("calendar");
        var (candidate, problem) = CheckCalendar(body);
        if (candidate is null)
            return problem!;
        if (await db.BusinessCalendars.AnyAsync(c => c.WorkspaceId == calendar.WorkspaceId && c.Name == candidate.Name && c.Id != id, cancellationToken))
            return NameTaken("calendar", candidate.Name);
        var before = calendar.Name;
        calendar.Name = candidate.Name;
        calendar.TimeZone = candidate.TimeZone;
        calendar.Hours = candidate.Hours;
        calendar.Holidays = candidate.Holidays;
        audit.Add(db, AuditKinds.CalendarSaved, AuditActor.User(scope.UserId), calendar.WorkspaceId, new
        {
            calendar = calendar.Name, calendar_id = calendar.Id, renamed_from = before == calendar.Name ? null : before,
            time_zone = calendar.TimeZone, hours = calendar.Hours, holidays = calendar.Holidays,
        });
        await db.SaveChangesAsync(cancellationToken);
        settings.Invalidate(calendar.WorkspaceId);
        return TypedResults.Ok(new { calendar.Id, calendar.Name });
    }

    private static async Task<IResult> DeleteCalendarAsync(Guid id, EarshotDbContext db, CaseSettings settings, AuditLog audit, AccessScope scope, CancellationToken cancellationToken)
    {
        var calendar = await db.BusinessCalendars.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (calendar is null)
            return ApiProblems.NotFound("calendar");
        var usedBy = await db.SlaPolicies.Where(p => p.CalendarId == id).Select(p => p.Name).OrderBy(n => n).ToListAsync(cancellationToken);
        if (usedBy.Count > 0)
            return ApiProblems.Field("id", $"the SLA {(usedBy.Count == 1 ? "policy" : "policies")} {string.Join(", ", usedBy.Select(n => $"'{n}'"))} "
                + "count time on this calendar; give them another calendar or delete them first", 409);
        db.BusinessCalendars.Remove(calendar);
        audit.Add(db, AuditKinds.CalendarDeleted, AuditActor.User(scope.UserId), calendar.WorkspaceId, new { calendar = calendar.Name, calendar_id = calendar.Id });
        await db.SaveChangesAsync(cancellationToken);
        settings.Invalidate(calendar.WorkspaceId);
        return TypedResults.NoContent();
    }

    private static IResult? CheckCanned(SaveCannedBody body)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200)
            return ApiProblems.Field("name", "give the reply a name of 1 to 200 characters");
        if (string.IsNullOrWhiteSpace(body.Body) || body.Body.Length > 10_000)
            return ApiProblems.Field("body", "write the reply (at most 10,000 characters)");
        if (ReplyTemplate.Unknown(body.Body) is { Count: > 0 } unknown)
            return ApiProblems.Field("body", $"unknown variable(s) {string.Join(", ", unknown.Select(u => "{{" + u + "}}"))}; known: {string.Join(", ", ReplyTemplate.Variables)}");
        return null;
    }

    private static async Task<IResult> UpdateCannedAsync(Guid id, SaveCannedBody body, EarshotDbContext db, AuditLog audit, AccessScope scope, CancellationToken cancellationToken)
    {
        var reply = await db.CannedReplies.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (reply is null)
            return ApiProblems.NotFound("canned reply");
        if (CheckCanned(body) is { } problem)
            return problem;
        var name = body.Name!.Trim();
        if (await db.CannedReplies.AnyAsync(r => r.WorkspaceId == reply.WorkspaceId && r.Name == name && r.Id != id, cancellationToken))
            return NameTaken("canned reply", name);
        var before = reply.Name;
        reply.Name = name;
        reply.Body = body.Body!;
        audit.Add(db, AuditKinds.CannedReplySaved, AuditActor.User(scope.UserId), reply.WorkspaceId, new
        {
            reply = reply.Name, reply_id = reply.Id, renamed_from = before == reply.Name ? null : before, created = false, length = reply.Body.Length,
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new { reply.Id, reply.Name });
    }

    private static async Task<IResult> DeleteCannedAsync(Guid id, EarshotDbContext db, AuditLog audit, AccessScope scope, CancellationToken cancellationToken)
    {
        var reply = await db.CannedReplies.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (reply is null)
            return ApiProblems.NotFound("canned reply");
        db.CannedReplies.Remove(reply);
        audit.Add(db, AuditKinds.CannedReplyDeleted, AuditActor.User(scope.UserId), reply.WorkspaceId, new { reply = reply.Name, reply_id = reply.Id });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
