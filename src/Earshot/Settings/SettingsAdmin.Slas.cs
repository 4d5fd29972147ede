using Earshot.Core.Access;
using Earshot.Core.Cases;
using Earshot.Core.Workspaces;
using Earshot.Engine.Audit;

namespace Earshot.Settings;

public sealed partial class SettingsAdmin
{
    public const int MaxMinutes = 525_600;

    /// <summary>
    /// An SLA policy as it is written: the team and calendar by name (none: any team, all hours), the intent as a wire
    /// word (none: any). A time left out keeps the policy's own. Open cases keep the deadlines they were given.
    /// </summary>
    public sealed record SlaSpec(string? Name, string? Team, string? Intent, int? FirstResponseMinutes, int? NextResponseMinutes, int? ResolutionMinutes, string? Calendar);

    public async Task<(Saved? Saved, Refusal? Refusal)> SaveSlaAsync(AuditActor actor, Guid workspaceId, SlaSpec spec, CancellationToken cancellationToken)
    {
        var name = spec.Name?.Trim();
        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.WorkspaceId == workspaceId && p.Name == name, cancellationToken)
            ?? new SlaPolicy { WorkspaceId = workspaceId, Name = name ?? "" };
        return await ApplySlaAsync(actor, policy, spec, cancellationToken);
    }

    public async Task<(Saved? Saved, Refusal? Refusal)> UpdateSlaAsync(AuditActor actor, Guid id, SlaSpec spec, CancellationToken cancellationToken)
    {
        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return policy is null ? (null, NotFound(new Phrase("no SLA policy with that id in your workspaces"))) : await ApplySlaAsync(actor, policy, spec, cancellationToken);
    }

    public async Task<(Saved? Saved, Refusal? Refusal)> DeleteSlaAsync(AuditActor actor, Guid id, CancellationToken cancellationToken)
    {
        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (policy is null)
            return (null, NotFound(new Phrase("no SLA policy with that id in your workspaces")));
        db.SlaPolicies.Remove(policy);
        audit.Add(db, AuditKinds.SlaPolicyDeleted, actor, policy.WorkspaceId, new { policy = policy.Name, policy_id = policy.Id });
        await db.SaveChangesAsync(cancellationToken);
        return (new Saved(policy.Id, policy.Name, policy.WorkspaceId), null);
    }

    private async Task<(Saved? Saved, Refusal? Refusal)> ApplySlaAsync(AuditActor actor, SlaPolicy policy, SlaSpec spec, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, Phrase[]>();
        if (BadName(spec.Name, new Phrase("give the policy a name of 1 to 200 characters")) is { } badName)
            errors["name"] = [badName.Message];
        Team? team = null;
        if (spec.Team is not null && (team = await db.Teams.FirstOrDefaultAsync(t => t.WorkspaceId == policy.WorkspaceId && t.Name == spec.Team, cancellationToken)) is null)
            errors["team"] = [new Phrase("no team '{0}' in this workspace", spec.Team)];
        if (spec.Intent is not null && !KnownIntents.Contains(spec.Intent))
            errors["intent"] = [new Phrase("use one of {0}", string.Join(", ", KnownIntents))];
        foreach (var (field, value) in new[] { ("first_response_minutes", spec.FirstResponseMinutes), ("next_response_minutes", spec.NextResponseMinutes), ("resolution_minutes", spec.ResolutionMinutes) })
            if (value is < 1 or > MaxMinutes)
                errors[field] = [new Phrase("give 1 to {0} minutes", MaxMinutes)];
        BusinessCalendar? calendar = null;
        if (spec.Calendar is not null && (calendar = await db.BusinessCalendars.FirstOrDefaultAsync(c => c.WorkspaceId == policy.WorkspaceId && c.Name == spec.Calendar, cancellationToken)) is null)
            errors["calendar"] = [new Phrase("no calendar '{0}' in this workspace; create it first", spec.Calendar)];
        if (errors.Count > 0)
            return (null, Refusal.Invalid(errors));
        var name = spec.Name!.Trim();
        var created = db.Entry(policy).State == EntityState.Detached;
        if (await db.SlaPolicies.AnyAsync(p => p.WorkspaceId == policy.WorkspaceId && p.Name == name && p.Id != policy.Id, cancellationToken))
            return (null, NameTaken(new Phrase("another SLA policy in this workspace is already named '{0}'; choose another name or change that one", name)));
        var before = policy.Name;
        policy.Name = name;
        policy.TeamId = team?.Id;
        policy.Intent = spec.Intent;
        policy.FirstResponseMinutes = spec.FirstResponseMinutes ?? policy.FirstResponseMinutes;
        policy.NextResponseMinutes = spec.NextResponseMinutes ?? policy.NextResponseMinutes;
        policy.ResolutionMinutes = spec.ResolutionMinutes ?? policy.ResolutionMinutes;
        policy.CalendarId = calendar?.Id;
        if (created)
            db.SlaPolicies.Add(policy);
        audit.Add(db, AuditKinds.SlaPolicySaved, actor, policy.WorkspaceId, new
        {
            policy = policy.Name, policy_id = policy.Id, created, renamed_from = created || before == policy.Name ? null : before, team = team?.Name, policy.Intent,
            policy.FirstResponseMinutes, policy.NextResponseMinutes, policy.ResolutionMinutes, calendar = calendar?.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (new Saved(policy.Id, policy.Name, policy.WorkspaceId), null);
    }
}
