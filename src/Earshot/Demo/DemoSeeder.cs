using Earshot.Core.Topics;
using Earshot.Core.Workspaces;
using Earshot.Engine.Workspaces;

namespace Earshot.Demo;

/// <summary>Seeds the demo workspace once: teams, topics, people, and a week of posts and care work, ending now.</summary>
public static class DemoSeeder
{
    /// <summary>Seeds the demo; returns the demo logins to print.</summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var directory = services.GetRequiredService<WorkspaceDirectory>();
        var contexts = services.GetRequiredService<IDbContextFactory<EarshotDbContext>>();
        var clock = services.GetRequiredService<DemoClock>();

        var workspaceId = await directory.GetOrCreateWorkspaceAsync(DemoScript.Workspace, cancellationToken, DemoScript.BrandNames);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Posts.AnyAsync(p => p.WorkspaceId == workspaceId, cancellationToken))
                return await DemoPeople.SeedAsync(services, workspaceId, cancellationToken);
            var workspace = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, cancellationToken);
            workspace.BrandNames = [.. DemoScript.BrandNames];
            workspace.CompetitorNames = [.. DemoScript.Competitors];
            var teams = DemoScript.Teams.Select(name => new Team { WorkspaceId = workspaceId, Name = name }).ToList();
            db.Teams.AddRange(teams);
            var now = clock.GetUtcNow().UtcDateTime;
            db.Topics.AddRange(DemoScript.Topics.Select(t => new Topic
            {
                WorkspaceId = workspaceId,
                Name = t.Name,
                Query = t.Query,
                Kind = t.Kind,
                TeamId = teams.First(team => team.Name == t.Team).Id,
                // The topics listened all week: their alerts learn from the whole of it.
                CreatedAt = now - DemoWeek.Length - TimeSpan.FromHours(1),
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        // People and case settings first, so the demo's posts are routed and timed like live ones.
        var logins = await DemoPeople.SeedAsync(services, workspaceId, cancellationToken);
        var end = clock.GetUtcNow().UtcDateTime;
        var random = new Random(2026);
        await new DemoFloor(services, clock, end, random).PlayAsync(workspaceId, DemoWeek.Openers(end, random), cancellationToken);
        return logins;
    }
}
