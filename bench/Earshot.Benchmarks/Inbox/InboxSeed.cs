using Earshot.Benchmarks.Import;
using Earshot.Core.Cases;
using Earshot.Core.Workspaces;
using Earshot.Engine.Cases;
using Earshot.Engine.Importers;
using Earshot.Engine.Workspaces;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Benchmarks.Inbox;

/// <summary>
/// A big inbox: the sample posts imported through the real importer, then the first N of them made into open
/// cases with varied severities, intents, teams and waiting times, and the agents who work them.
/// </summary>
public static class InboxSeed
{
    public static readonly string[] Teams = ["Care", "Billing", "Network", "Product", "Social"];

    public static async Task<IReadOnlyList<Guid>> SeedAsync(DatabaseTarget target, int posts, int cases, int agents, CancellationToken cancellationToken)
    {
        await Migrator.MigrateAsync(target, cancellationToken);
        var contexts = new EarshotDbContextFactory(target);
        await using (var writer = new PostWriter(target, TimeProvider.System))
        {
            var importer = new PostImporter(new WorkspaceDirectory(contexts, TimeProvider.System), writer);
            await importer.ImportAsync(SamplePosts.EnsureJsonl(posts), null, "bench", null, null, cancellationToken);
        }
        await using var db = contexts.CreateDbContext();
        var workspace = await db.Workspaces.FirstAsync(w => w.Name == "bench", cancellationToken);
        var teams = Teams.Select(name => new Team { WorkspaceId = workspace.Id, Name = name }).ToList();
        db.Teams.AddRange(teams);
        var users = Enumerable.Range(0, agents).Select(i => new User { Email = $"agent{i}@bench.example", DisplayName = $"Agent {i}", Role = Roles.Agent, Capacity = 1_000_000, CreatedAt = DateTime.UtcNow }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync(cancellationToken);
        db.WorkspaceMembers.AddRange(users.Select(u => new WorkspaceMember { WorkspaceId = workspace.Id, UserId = u.Id }));
        await db.SaveChangesAsync(cancellationToken);

        var random = new Random(7);
        var now = DateTime.UtcNow;
        var policy = CasePolicy.Default;
        string[] severities = ["", "", "", "", "billing", "outage", "switching", "legal", "safety"];
        string[] intents = ["complaint", "complaint", "question"];
        var settings = new WorkspaceCaseSettings(workspace.Id, policy, [], new Dictionary<Guid, Guid?>(), null, [], new Dictionary<Guid, BusinessHours>(), new Dictionary<Guid, Team>());
        for (var offset = 0; offset < cases; offset += 10_000)
        {
            db.ChangeTracker.Clear();
            var batch = await db.Posts.AsNoTracking().OrderBy(p => p.Id).Skip(offset).Take(Math.Min(10_000, cases - offset))
                .Select(p => new { p.Id, p.WorkspaceId, p.ChannelId, p.AuthorId, p.Text }).ToListAsync(cancellationToken);
            foreach (var post in batch)
            {
                var severity = severities[random.Next(severities.Length)];
                var intent = intents[random.Next(intents.Length)];
                var opened = now.AddMinutes(-random.Next(0, 7 * 24 * 60));
                string[] cues = severity.Length == 0 ? [] : [severity];
                var @case = Case.Open(new CaseOpening
                {
                    WorkspaceId = post.WorkspaceId, ChannelId = post.ChannelId, AuthorId = post.AuthorId, TeamId = teams[random.Next(teams.Count)].Id,
                    Subject = CaseStage.Subject(post.Text), Status = CaseStatus.New, Intent = intent, Severity = cues, RoutedBy = "bench",
                    Priority = QueueOrder.HeadStart(policy, intent, cues, null),
                    OpenedAt = opened, WaitingSince = opened, LastCustomerPostAt = opened,
                }, settings, opened);
                db.Cases.Add(@case);
                db.CasePosts.Add(new CasePost { CaseId = @case.Id, PostId = post.Id, At = opened });
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return users.Select(u => u.Id).ToList();
    }
}
