using Earshot.Engine.Importers;
using Earshot.Engine.Topics;
using Earshot.Engine.Workspaces;
using Earshot.Hosting;
using Earshot.Storage.Ingest;

namespace Earshot.Reports;

/// <summary>
/// Replays a public customer-care archive (Customer Support on Twitter) through the whole pipeline so the reports
/// can be read off real brands: the file is imported, each brand that answers gets a team and a topic on its
/// handle (so its customers' cases route to it), then the pipeline runs until every post is through.
/// </summary>
public static class BrandReplay
{
    public const string Workspace = "replay";

    public static async Task ReplayAsync(DatabaseTarget target, string file, int minimumReplies, TextWriter log, TimeProvider clock, CancellationToken cancellationToken)
    {
        await Migrator.MigrateAsync(target, cancellationToken);
        var contexts = new EarshotDbContextFactory(target);
        await using (var writer = new PostWriter(target, clock))
        {
            var summary = await new PostImporter(new WorkspaceDirectory(contexts, clock), writer)
                .ImportAsync(file, null, Workspace, null, null, cancellationToken);
            await log.WriteLineAsync($"imported: read {summary.Read}, stored {summary.Stored}");
        }
        await using (var db = contexts.CreateDbContext())
        {
            var workspaceId = await db.Workspaces.Where(w => w.Name == Workspace).Select(w => w.Id).FirstAsync(cancellationToken);
            var brands = await db.Posts.Where(p => p.WorkspaceId == workspaceId && p.IsBrand)
                .GroupBy(p => p.Author!.Handle).Where(g => g.Count() >= minimumReplies).Select(g => g.Key).ToListAsync(cancellationToken);
            foreach (var brand in brands)
                await TopicStore.SaveAsync(db, workspaceId, "mentions of " + brand, "@" + brand, brand, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await log.WriteLineAsync($"brands with at least {minimumReplies} replies: {brands.Count}");
        }

        var options = new ServeOptions(target, "http://127.0.0.1:0");
        // Quiet: the report is printed on standard output.
        await using var app = EarshotWebApp.Build(options, services => services.AddLogging(logging => logging.ClearProviders()));
        await app.StartAsync(cancellationToken);
        await using (var db = contexts.CreateDbContext())
        {
            while (await db.Posts.Unfinished().CountAsync(cancellationToken) is var left and > 0)
            {
                await log.WriteLineAsync($"pipeline: {left} post(s) to go");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
        await app.StopAsync(cancellationToken);
    }
}
