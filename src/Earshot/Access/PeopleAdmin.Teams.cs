using Earshot.Core.Access;
using Earshot.Core.Workspaces;

namespace Earshot.Access;

public sealed partial class PeopleAdmin
{
    public static AssignmentMode? ParseAssignment(string? text) => text switch
    {
        "manual" => AssignmentMode.Manual,
        "round_robin" => AssignmentMode.RoundRobin,
        "least_loaded" => AssignmentMode.LeastLoaded,
        _ => null,
    };

    private static readonly Phrase AssignmentHint = new Phrase("use manual, round_robin or least_loaded");

    public async Task<(Team? Team, Refusal? Refusal)> CreateTeamAsync(Manager manager, string? workspace, string? name, string? assignment, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var workspaceId = await db.Workspaces.Where(w => w.Name == workspace).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(cancellationToken);
        if (workspaceId is null || !manager.InWorkspace(workspaceId.Value))
            return (null, new Refusal("workspace", new Phrase("no workspace '{0}' among yours", workspace), RefusalKind.NotFound));
        if (TeamName(name) is { } bad)
            return (null, bad);
        if (ParseAssignment(assignment ?? "manual") is not { } mode)
            return (null, new Refusal("assignment", AssignmentHint));
        var trimmed = name!.Trim();
        if (await db.Teams.AnyAsync(t => t.WorkspaceId == workspaceId && t.Name == trimmed, cancellationToken))
            return (null, new Refusal("name", new Phrase("a team named '{0}' exists in {1}", trimmed, workspace), RefusalKind.Conflict));
        var team = new Team { WorkspaceId = workspaceId.Value, Name = trimmed, Assignment = mode };
        db.Teams.Add(team);
        _audit.Add(db, AuditKinds.TeamSaved, manager.Actor, team.WorkspaceId, new { team = team.Name, created = true, assignment = new { before = (string?)null, after = assignment ?? "manual" } });
        await db.SaveChangesAsync(cancellationToken);
        return (team, null);
    }

    /// <summary>Renames a team or changes how it assigns cases. A name another team of the workspace has is refused (409), never merged.</summary>
    public async Task<(Team? Team, Refusal? Refusal)> UpdateTeamAsync(Manager manager, Guid teamId, string? name, string? assignment, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null || !manager.InWorkspace(team.WorkspaceId))
            return (null, NoTeam);
        if (name is not null && TeamName(name) is { } bad)
            return (null, bad);
        AssignmentMode? mode = null;
        if (assignment is not null && (mode = ParseAssignment(assignment)) is null)
            return (null, new Refusal("assignment", AssignmentHint));
        var newName = name?.Trim() ?? team.Name;
        if (newName != team.Name && await db.Teams.AnyAsync(t => t.WorkspaceId == team.WorkspaceId && t.Name == newName && t.Id != team.Id, cancellationToken))
            return (null, new Refusal("name", new Phrase("another team is named '{0}'", newName), RefusalKind.Conflict));
        var before = new { name = team.Name, assignment = Earshot.Api.SettingsApi.Wire(team.Assignment) };
        team.Name = newName;
        team.Assignment = mode ?? team.Assignment;
        _audit.Add(db, AuditKinds.TeamSaved, manager.Actor, team.WorkspaceId, new { team = team.Name, before, after = new { name = team.Name, assignment = Earshot.Api.SettingsApi.Wire(team.Assignment) } });
        await db.SaveChangesAsync(cancellationToken);
        return (team, null);
    }

    /// <summary>What deleting a team does: the things that stop it (routing rules, the fallback, team-only webhooks) and what it changes.</summary>
    public sealed record TeamImpact(
        Guid TeamId, Guid WorkspaceId, string Name, IReadOnlyList<Phrase> Blockers, int OpenCases, int Cases, int SlaPolicies, int Members, int Topics);

    public async Task<TeamImpact?> ImpactAsync(Guid teamId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ImpactAsync(db, teamId, cancellationToken);
    }

    private static async Task<TeamImpact?> ImpactAsync(EarshotDbContext db, Guid teamId, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
            return null;
        var blockers = new List<Phrase>();
        blockers.AddRange((await db.RoutingRules.Where(r => r.TeamId == teamId).Select(r => r.Name).ToListAsync(cancellationToken))
            .Order(StringComparer.Ordinal).Select(r => new Phrase("routing rule '{0}' sends cases to it", r)));
        if (await db.Workspaces.AnyAsync(w => w.Id == team.WorkspaceId && w.FallbackTeamId == teamId, cancellationToken))
            blockers.Add(new Phrase("it is the workspace's fallback team"));
        var hooks = await db.Webhooks.CountAsync(w => w.TeamId == teamId, cancellationToken);
        if (hooks > 0)
            blockers.Add(new Phrase("{0} webhook(s) send only its alerts", hooks));
        var cases = db.Cases.Where(c => c.TeamId == teamId);
        return new TeamImpact(team.Id, team.WorkspaceId, team.Name, blockers,
            await cases.CountAsync(c => c.Status != Core.Cases.CaseStatus.Resolved && c.Status != Core.Cases.CaseStatus.Closed, cancellationToken),
            await cases.CountAsync(cancellationToken),
            await db.SlaPolicies.CountAsync(p => p.TeamId == teamId, cancellationToken),
            await db.TeamMembers.CountAsync(m => m.TeamId == teamId, cancellationToken),
            await db.Topics.CountAsync(t => t.TeamId == teamId, cancellationToken));
    }

    /// <summary>
    /// Deletes a team, as Zendesk and Chatwoot users expect of a group: refused (409) while a routing rule, the fallback
    /// or a webhook still sends work to it, so nothing is silently re-routed; otherwise its cases stay with their
    /// assignees but belong to no team (unrouted), its SLA policies go with it (cases fall back to the workspace's),
    /// its members stay users, and its topics lose their owner.
    /// </summary>
    public async Task<(TeamImpact? Done, Refusal? Refusal)> DeleteTeamAsync(Manager manager, Guid teamId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var impact = await ImpactAsync(db, teamId, cancellationToken);
        if (impact is null || !manager.InWorkspace(impact.WorkspaceId))
            return (null, NoTeam);
        if (impact.Blockers.Count > 0)
            return (null, new Refusal("id", new Phrase("'{0}' is still in use: {1}. Change those first.", impact.Name, Phrase.Joined("; ", impact.Blockers)), RefusalKind.Conflict));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Cases.Where(c => c.TeamId == teamId).ExecuteUpdateAsync(s => s.SetProperty(c => c.TeamId, (Guid?)null).SetProperty(c => c.RoutedBy, "unrouted: team deleted"), cancellationToken);
        await db.Topics.Where(t => t.TeamId == teamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.TeamId, (Guid?)null), cancellationToken);
        await db.SlaPolicies.Where(p => p.TeamId == teamId).ExecuteDeleteAsync(cancellationToken);
        await db.TeamMembers.Where(m => m.TeamId == teamId).ExecuteDeleteAsync(cancellationToken);
        await db.Teams.Where(t => t.Id == teamId).ExecuteDeleteAsync(cancellationToken);
        _audit.Add(db, AuditKinds.TeamDeleted, manager.Actor, impact.WorkspaceId, new
        {
            team = impact.Name, team_id = teamId, cases_unrouted = impact.Cases, open_cases = impact.OpenCases, sla_policies_deleted = impact.SlaPolicies,
            members_removed = impact.Members, topics_released = impact.Topics,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (impact, null);
    }

    /// <summary>Adds someone to a team (and its workspace, if they are not in it), or changes whether they lead it.</summary>
    public async Task<(TeamMember? Member, Refusal? Refusal)> AddMemberAsync(Manager manager, Guid teamId, string? email, bool lead, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null || !manager.InWorkspace(team.WorkspaceId))
            return (null, NoTeam);
        var address = email?.Trim().ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == address, cancellationToken);
        if (user is null)
            return (null, new Refusal("email", new Phrase("no user '{0}' among the people you manage", email)));
        var member = await db.TeamMembers.FirstOrDefaultAsync(m => m.TeamId == teamId && m.UserId == user.Id, cancellationToken);
        var wasLead = member?.IsLead;
        if (member is null)
            db.TeamMembers.Add(member = new TeamMember { TeamId = teamId, UserId = user.Id });
        member.IsLead = lead;
        _audit.Add(db, AuditKinds.TeamMemberAdded, manager.Actor, team.WorkspaceId, new { team = team.Name, user = user.Email, lead, was_member = wasLead is not null, was_lead = wasLead });
        if (!await db.WorkspaceMembers.AnyAsync(m => m.WorkspaceId == team.WorkspaceId && m.UserId == user.Id, cancellationToken))
        {
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = team.WorkspaceId, UserId = user.Id });
            _audit.Add(db, AuditKinds.WorkspaceMemberAdded, manager.Actor, team.WorkspaceId, new { user = user.Email, via_team = team.Name });
        }
        await db.SaveChangesAsync(cancellationToken);
        return (member, null);
    }

    /// <summary>Takes someone off a team; they keep their cases and their workspace.</summary>
    public async Task<Refusal?> RemoveMemberAsync(Manager manager, Guid teamId, string? email, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null || !manager.InWorkspace(team.WorkspaceId))
            return NoTeam;
        var address = email?.Trim().ToLowerInvariant();
        var member = await db.TeamMembers.Join(db.Users.Where(u => u.Email == address), m => m.UserId, u => u.Id, (m, u) => m)
            .FirstOrDefaultAsync(m => m.TeamId == teamId, cancellationToken);
        if (member is null)
            return new Refusal("email", new Phrase("'{0}' is not on {1}", email, team.Name), RefusalKind.NotFound);
        db.TeamMembers.Remove(member);
        _audit.Add(db, AuditKinds.TeamMemberRemoved, manager.Actor, team.WorkspaceId, new { team = team.Name, user = address, was_lead = member.IsLead });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>A team's id by workspace and name, as the manager sees them (for the command line).</summary>
    public async Task<Guid?> FindTeamAsync(string? workspace, string? name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Teams.Where(t => t.Name == name && db.Workspaces.Any(w => w.Id == t.WorkspaceId && w.Name == workspace))
            .Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private static readonly Refusal NoTeam = new("id", new Phrase("no team with that id in your workspaces"), RefusalKind.NotFound);

    private static Refusal? TeamName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200 ? new Refusal("name", new Phrase("give the team a name of 1 to 200 characters")) : null;
}
