using Earshot.Core.Cases;
using Earshot.Core.Workspaces;

namespace Earshot.Demo;

/// <summary>The demo's care team: one login per role, team memberships, routing, SLAs and canned replies.</summary>
public static class DemoPeople
{
    public const string Password = "earshot-demo";

    public static readonly (string Email, string Name, string Role, string? Team, bool Lead)[] Users =
    [
        ("admin@aurora.example", "Alex Admin", Roles.Admin, null, false),
        ("lead@aurora.example", "Lee Lead", Roles.Lead, "Care", true),
        ("ana@aurora.example", "Ana Agent", Roles.Agent, "Care", false),
        ("ben@aurora.example", "Ben Agent", Roles.Agent, "Care", false),
        ("bea@aurora.example", "Bea Billing", Roles.Agent, "Billing", false),
        ("nia@aurora.example", "Nia Network", Roles.Agent, "Network", false),
        ("pat@aurora.example", "Pat Product", Roles.Agent, "Product", false),
        ("ann@aurora.example", "Ann Analyst", Roles.Analyst, null, false),
    ];

    /// <summary>Creates the demo users (once) and the workspace's case settings; returns the logins to print.</summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, Guid workspaceId, CancellationToken cancellationToken)
    {
        var accounts = services.GetRequiredService<UserAccounts>();
        await using var db = await services.GetRequiredService<IDbContextFactory<EarshotDbContext>>().CreateDbContextAsync(cancellationToken);
        var teams = await db.Teams.Where(t => t.WorkspaceId == workspaceId).ToDictionaryAsync(t => t.Name, cancellationToken);
        foreach (var person in Users)
        {
            if (await db.Users.AnyAsync(u => u.Email == person.Email, cancellationToken))
                continue;
            var added = await accounts.AddAsync(person.Email, person.Role, Password, DemoScript.Workspace, person.Name, Engine.Audit.AuditActor.Cli, cancellationToken);
            if (person.Team is { } team && added.User is { } user)
                db.TeamMembers.Add(new TeamMember { TeamId = teams[team].Id, UserId = user.Id, IsLead = person.Lead });
        }
        if (!await db.RoutingRules.AnyAsync(r => r.WorkspaceId == workspaceId, cancellationToken))
        {
            db.RoutingRules.Add(new RoutingRule { WorkspaceId = workspaceId, Name = "money matters", Position = 1, TeamId = teams["Billing"].Id, Severities = ["billing"] });
            db.RoutingRules.Add(new RoutingRule { WorkspaceId = workspaceId, Name = "outages", Position = 2, TeamId = teams["Network"].Id, Severities = ["outage"] });
            db.SlaPolicies.Add(new SlaPolicy { WorkspaceId = workspaceId, Name = "standard", FirstResponseMinutes = 120, NextResponseMinutes = 240, ResolutionMinutes = 2880 });
            db.SlaPolicies.Add(new SlaPolicy { WorkspaceId = workspaceId, Name = "complaints", Intent = "complaint", FirstResponseMinutes = 60, NextResponseMinutes = 120, ResolutionMinutes = 1440 });
            db.CannedReplies.Add(new CannedReply { WorkspaceId = workspaceId, Name = "Sorry, looking into it", Body = "Hi {{customer.name}}, sorry about this. I'm looking into it now and will come back to you within the hour. {{agent.first_name}}" });
            db.CannedReplies.Add(new CannedReply { WorkspaceId = workspaceId, Name = "Please DM us", Body = "Hi {{customer.name}}, could you send us a direct message with your account number so we can check? {{agent.first_name}}, {{team.name}}" });
            var workspace = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, cancellationToken);
            workspace.FallbackTeamId = teams["Care"].Id;
        }
        await db.SaveChangesAsync(cancellationToken);
        return Users.Select(u => $"{u.Role,-8} {u.Email} / {Password}").ToList();
    }
}
