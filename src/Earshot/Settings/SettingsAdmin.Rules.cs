using Earshot.Core.Access;
using Earshot.Core.Cases;
using Earshot.Core.Posts;
using Earshot.Core.Topics;
using Earshot.Engine.Audit;

namespace Earshot.Settings;

public sealed partial class SettingsAdmin
{
    /// <summary>
    /// A routing rule as it is written: the team and topics by name, the rest as wire words. A list left out matches
    /// anything; a position or enabled flag left out keeps the rule's own (0 and on for a new rule).
    /// </summary>
    public sealed record RuleSpec(string? Name, int? Position, string? Team, IReadOnlyList<string>? Topics,
        IReadOnlyList<string>? Intents, IReadOnlyList<string>? Severities, IReadOnlyList<string>? Channels, IReadOnlyList<string>? Languages, bool? Enabled);

    /// <summary>Creates the rule named in the spec, or changes the workspace's rule of that name.</summary>
    public async Task<(Saved? Saved, Refusal? Refusal)> SaveRuleAsync(AuditActor actor, Guid workspaceId, RuleSpec spec, CancellationToken cancellationToken)
    {
        var name = spec.Name?.Trim();
        var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.WorkspaceId == workspaceId && r.Name == name, cancellationToken)
            ?? new RoutingRule { WorkspaceId = workspaceId, Name = name ?? "" };
        return await ApplyRuleAsync(actor, rule, spec, cancellationToken);
    }

    /// <summary>Changes the rule with this id, renaming it when the spec's name differs.</summary>
    public async Task<(Saved? Saved, Refusal? Refusal)> UpdateRuleAsync(AuditActor actor, Guid id, RuleSpec spec, CancellationToken cancellationToken)
    {
        var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return rule is null ? (null, NotFound(new Phrase("no routing rule with that id in your workspaces"))) : await ApplyRuleAsync(actor, rule, spec, cancellationToken);
    }

    public async Task<(Saved? Saved, Refusal? Refusal)> DeleteRuleAsync(AuditActor actor, Guid id, CancellationToken cancellationToken)
    {
        var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
            return (null, NotFound(new Phrase("no routing rule with that id in your workspaces")));
        db.RoutingRules.Remove(rule);
        audit.Add(db, AuditKinds.RoutingRuleDeleted, actor, rule.WorkspaceId, new { rule = rule.Name, rule_id = rule.Id });
        await db.SaveChangesAsync(cancellationToken);
        return (new Saved(rule.Id, rule.Name, rule.WorkspaceId), null);
    }

    private async Task<(Saved? Saved, Refusal? Refusal)> ApplyRuleAsync(AuditActor actor, RoutingRule rule, RuleSpec spec, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, Phrase[]>();
        if (BadName(spec.Name, new Phrase("give the rule a name of 1 to 200 characters")) is { } badName)
            errors["name"] = [badName.Message];
        var team = await db.Teams.FirstOrDefaultAsync(t => t.WorkspaceId == rule.WorkspaceId && t.Name == spec.Team, cancellationToken);
        if (team is null)
            errors["team"] = [new Phrase("no team '{0}' in this workspace", spec.Team)];
        var topicNames = spec.Topics ?? [];
        var topics = await db.Topics.Where(t => t.WorkspaceId == rule.WorkspaceId && topicNames.Contains(t.Name)).ToListAsync(cancellationToken);
        if (topics.Count != topicNames.Distinct().Count())
            errors["topics"] = [new Phrase("unknown topic(s): {0}", string.Join(", ", topicNames.Except(topics.Select(t => t.Name))))];
        CheckKnown(errors, "intents", spec.Intents, KnownIntents);
        CheckKnown(errors, "severities", spec.Severities, KnownSeverities);
        CheckKnown(errors, "channels", spec.Channels, Enum.GetValues<ChannelKind>().Select(k => k.WireName()).ToArray());
        if (errors.Count > 0)
            return (null, Refusal.Invalid(errors));
        var name = spec.Name!.Trim();
        var created = db.Entry(rule).State == EntityState.Detached;
        if (await db.RoutingRules.AnyAsync(r => r.WorkspaceId == rule.WorkspaceId && r.Name == name && r.Id != rule.Id, cancellationToken))
            return (null, NameTaken(new Phrase("another routing rule in this workspace is already named '{0}'; choose another name or change that one", name)));
        var before = rule.Name;
        rule.Name = name;
        rule.TeamId = team!.Id;
        rule.Position = spec.Position ?? rule.Position;
        rule.TopicIds = topics.Select(t => t.Id).ToList();
        rule.Intents = [.. spec.Intents ?? []];
        rule.Severities = [.. spec.Severities ?? []];
        rule.ChannelKinds = [.. spec.Channels ?? []];
        rule.Languages = [.. (spec.Languages ?? []).Select(l => l.Trim().ToLowerInvariant())];
        rule.Enabled = spec.Enabled ?? rule.Enabled;
        if (created)
            db.RoutingRules.Add(rule);
        audit.Add(db, AuditKinds.RoutingRuleSaved, actor, rule.WorkspaceId, new
        {
            rule = rule.Name, rule_id = rule.Id, created, renamed_from = created || before == rule.Name ? null : before, team = team.Name, position = rule.Position,
            topics = topics.Select(t => t.Name).ToList(), rule.Intents, rule.Severities, channels = rule.ChannelKinds, rule.Languages, rule.Enabled,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (new Saved(rule.Id, rule.Name, rule.WorkspaceId), null);
    }

    /// <summary>The id of the workspace's setting of this kind and name, for the command line, which names things.</summary>
    public async Task<Guid?> FindAsync(SettingKind kind, Guid workspaceId, string name, CancellationToken cancellationToken) => kind switch
    {
        SettingKind.Rule => await db.RoutingRules.Where(r => r.WorkspaceId == workspaceId && r.Name == name).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken),
        SettingKind.Sla => await db.SlaPolicies.Where(p => p.WorkspaceId == workspaceId && p.Name == name).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken),
        SettingKind.Calendar => await db.BusinessCalendars.Where(c => c.WorkspaceId == workspaceId && c.Name == name).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken),
        _ => await db.CannedReplies.Where(r => r.WorkspaceId == workspaceId && r.Name == name).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken),
    };

    public Task<(Saved? Saved, Refusal? Refusal)> DeleteAsync(SettingKind kind, AuditActor actor, Guid id, CancellationToken cancellationToken) => kind switch
    {
        SettingKind.Rule => DeleteRuleAsync(actor, id, cancellationToken),
        SettingKind.Sla => DeleteSlaAsync(actor, id, cancellationToken),
        SettingKind.Calendar => DeleteCalendarAsync(actor, id, cancellationToken),
        _ => DeleteCannedAsync(actor, id, cancellationToken),
    };
}

/// <summary>The kinds of setting <see cref="SettingsAdmin"/> finds and deletes by name.</summary>
public enum SettingKind { Rule, Sla, Calendar, Canned }
