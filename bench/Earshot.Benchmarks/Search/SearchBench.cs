using System.Diagnostics;
using System.Globalization;
using Earshot.Benchmarks.Import;
using Earshot.Core.Topics.Query;
using Earshot.Engine.Importers;
using Earshot.Engine.Workspaces;
using Earshot.Posts;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Benchmarks.Search;

/// <summary>
/// `search [--posts N] [--rounds N] [--skip-sqlite] [--skip-postgres]`: the first page of a Mentions search (50
/// posts, newest first) through the full-text index, against the substring scan it replaced (LIKE '%word%', ILIKE
/// on PostgreSQL) on the same posts in the same run. Posts are imported through the real importer, so the index is
/// filled by the same triggers (SQLite) or generated column (PostgreSQL) as in production.
/// </summary>
public sealed class SearchBench : IBench
{
    public string Name => "search";
    public string Description => "first page of a search: full-text index vs the old LIKE scan, p50/p95 per query and peak memory";

    /// <summary>Each query in the listening query language beside the substring the old search would have scanned for.</summary>
    private static readonly (string Query, string Like)[] Queries =
    [
        ("refund", "refund"),
        ("refunds", "refunds"),
        ("\"customer service\"", "customer service"),
        ("delay* AND NOT cancel*", "delay"),
        ("charged NEAR/3 twice", "charged"),
        ("luggage lang:en", "luggage"),
        ("zeppelin", "zeppelin"),
    ];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var posts = Option(args, "--posts", 1_000_000);
        var rounds = Option(args, "--rounds", 20);
        Console.WriteLine($"{posts:N0} posts, {rounds} rounds per query and path");
        await BenchDatabases.ForEachAsync("search", args, (label, target) => RunOnAsync(label, target, posts, rounds, cancellationToken));
        Console.WriteLine($"peak memory {PeakMemory.MiB():0} MiB");
        return 0;
    }

    private static async Task RunOnAsync(string label, DatabaseTarget target, int posts, int rounds, CancellationToken cancellationToken)
    {
        var seeding = Stopwatch.StartNew();
        await Migrator.MigrateAsync(target, cancellationToken);
        var contexts = new EarshotDbContextFactory(target);
        await using (var writer = new PostWriter(target, TimeProvider.System))
        {
            var importer = new PostImporter(new WorkspaceDirectory(contexts, TimeProvider.System), writer);
            await importer.ImportAsync(SamplePosts.EnsureJsonl(posts), null, "bench", null, null, cancellationToken);
        }
        await using (var db = contexts.CreateDbContext())
            await db.Database.ExecuteSqlRawAsync(db.Provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE posts" : "ANALYZE", cancellationToken);
        Console.WriteLine($"{label}: imported and indexed in {seeding.Elapsed.TotalSeconds:0} s");

        foreach (var (query, like) in Queries)
        {
            var parsed = QueryParser.ParseOrThrow(query);
            var found = 0;
            var indexed = await TimeAsync(rounds, async db =>
                found = (await PostSearch.FindAsync(db, new PostFilter { Workspace = "bench", Query = parsed, Text = query, Limit = 50 }, cancellationToken)).Items.Count, contexts);
            var scannedCount = 0;
            var scanned = await TimeAsync(rounds, async db => scannedCount = (await LikeAsync(db, like, cancellationToken)).Count, contexts);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {query,-24} index p50={indexed.P50,7:0.0} ms p95={indexed.P95,7:0.0} ms ({found} shown) | LIKE p50={scanned.P50,7:0.0} ms p95={scanned.P95,7:0.0} ms ({scannedCount} shown) | LIKE/index p95 {scanned.P95 / indexed.P95:0.0}x"));
        }
    }

    /// <summary>
    /// The search this replaced: a case-insensitive substring anywhere in the text, newest first, in one workspace as
    /// the Mentions page asks, so it walks the (workspace, time) index and stops at a page: at its best on common
    /// words, reading every post on a word nobody wrote.
    /// </summary>
    private static async Task<List<Guid>> LikeAsync(EarshotDbContext db, string text, CancellationToken cancellationToken)
    {
        var pattern = "%" + text + "%";
        var workspace = await db.Workspaces.Where(w => w.Name == "bench").Select(w => w.Id).FirstAsync(cancellationToken);
        var posts = db.Posts.AsNoTracking().Where(p => !p.IsDeleted && p.WorkspaceId == workspace);
        posts = db.Provider == DatabaseProvider.Postgres
            ? posts.Where(p => EF.Functions.ILike(p.Text, pattern))
            : posts.Where(p => EF.Functions.Like(p.Text, pattern));
        return await posts.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(51).Select(p => p.Id).ToListAsync(cancellationToken);
    }

    private static async Task<(double P50, double P95)> TimeAsync(int rounds, Func<EarshotDbContext, Task> search, EarshotDbContextFactory contexts)
    {
        var samples = new List<double>(rounds);
        for (var i = 0; i <= rounds; i++)
        {
            await using var db = contexts.CreateDbContext();
            var watch = Stopwatch.StartNew();
            await search(db);
            if (i > 0) // the first is a warm-up
                samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        return (Percentiles.Of(samples, 50), Percentiles.Of(samples, 95));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
