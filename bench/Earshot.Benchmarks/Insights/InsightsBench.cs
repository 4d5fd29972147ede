using System.Diagnostics;
using System.Globalization;
using Earshot.Insights;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Benchmarks.Insights;

/// <summary>
/// `insights [--posts N] [--reps N] [--naive-reps N] [--sample N] [--skip-sqlite] [--skip-postgres]`: the insight
/// report (`InsightsBuilder.BuildAsync`, what `GET /api/insights` serves) over 90 days of labelled posts in 20 topics,
/// p50/p95 per request a lead makes, against the same headline figures counted from the posts at request time; the
/// rollups' rebuild throughput; and what recounting the rollups adds to the classify stage.
/// </summary>
public sealed class InsightsBench : IBench
{
    private const double TargetMs = 100;

    public string Name => "insights";
    public string Description => "insight report p50/p95 from the rollups vs counted from posts; rollup rebuild and classify overhead";

    private sealed record Request(string Label, InsightRequest Filters, TimeSpan Period, bool AllWorkspaces = false);

    private static readonly Request[] Requests =
    [
        new("24 h", new(null, null, null, null, null, null, null), TimeSpan.FromHours(24)),
        new("7 d", new(null, null, null, null, null, null, null), TimeSpan.FromDays(7)),
        new("30 d", new(null, null, null, null, null, null, null), TimeSpan.FromDays(30)),
        new("90 d", new(null, null, null, null, null, null, null), TimeSpan.FromDays(90)),
        new("24 h, topic " + InsightsSeed.Brand, new(null, null, InsightsSeed.Brand, null, null, null, null), TimeSpan.FromHours(24)),
        new("7 d, topic " + InsightsSeed.Brand, new(null, null, InsightsSeed.Brand, null, null, null, null), TimeSpan.FromDays(7)),
        new("30 d, topic " + InsightsSeed.Competitors[0], new(null, null, InsightsSeed.Competitors[0], null, null, null, null), TimeSpan.FromDays(30)),
        new("90 d, topic " + InsightsSeed.Brand, new(null, null, InsightsSeed.Brand, null, null, null, null), TimeSpan.FromDays(90)),
        new("7 d, channel x", new(null, null, null, "x", null, null, null), TimeSpan.FromDays(7)),
        new("30 d, negative", new(null, null, null, null, null, "negative", null), TimeSpan.FromDays(30)),
        new("90 d, topic " + InsightsSeed.Brand + ", channel x", new(null, null, InsightsSeed.Brand, "x", null, null, null), TimeSpan.FromDays(90)),
        new("7 d, as an admin (no workspace named)", new(null, null, null, null, null, null, null), TimeSpan.FromDays(7), AllWorkspaces: true),
    ];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var posts = Option(args, "--posts", 1_000_000);
        var reps = Option(args, "--reps", 20);
        var naiveReps = Option(args, "--naive-reps", 5);
        var sample = Option(args, "--sample", 20_000);
        // The period ends on a whole hour, so every request's buckets are full ones.
        var now = DateTime.UtcNow;
        var end = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);
        var jsonl = InsightsSeed.WriteJsonl(posts, end);
        Console.WriteLine($"{posts:N0} posts over {InsightsSeed.Days} days, {InsightsSeed.Topics.Count} topics; {reps} reports per request (peer {naiveReps}) after a warm-up");
        await BenchDatabases.ForEachAsync("insights", args, (label, target) => RunOnAsync(label, target, jsonl, end, reps, naiveReps, sample, cancellationToken));
        Console.WriteLine($"peak memory {PeakMemory.MiB():0} MiB (the whole process, seeding included)");
        return 0;
    }

    private static async Task RunOnAsync(string label, DatabaseTarget target, string jsonl, DateTime end, int reps, int naiveReps, int sample, CancellationToken cancellationToken)
    {
        var seeding = Stopwatch.StartNew();
        var ids = await InsightsSeed.SeedAsync(target, jsonl, cancellationToken);
        Console.WriteLine($"{label}: seeded {ids.Count:N0} labelled posts in {seeding.Elapsed.TotalSeconds:0} s");
        var contexts = new EarshotDbContextFactory(target);
        // A lead's request names their workspaces, as the API's does for a member (an admin's names none).
        IReadOnlyCollection<Guid> workspaces;
        var rebuild = await RollupTimings.RebuildAsync(contexts, ids, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: rollups rebuilt in {rebuild:0.0} s = {ids.Count / rebuild:N0} posts/s (RecountAsync, {RollupTimings.RebuildBatch:N0} posts per transaction)"));
        await using (var db = contexts.CreateDbContext())
        {
            Console.WriteLine($"{label}: rollup rows: volume {await db.VolumeRollups.LongCountAsync(cancellationToken):N0}, aspect {await db.AspectRollups.LongCountAsync(cancellationToken):N0}, author {await db.AuthorRollups.LongCountAsync(cancellationToken):N0}");
            // As autovacuum and a running server's ANALYZE would have left the tables.
            await db.Database.ExecuteSqlRawAsync(db.Provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE" : "ANALYZE", cancellationToken);
            workspaces = [await db.Workspaces.Where(w => w.Name == "bench").Select(w => w.Id).SingleAsync(cancellationToken)];
        }
        await JitQuiet.WaitAsync(cancellationToken);

        Console.WriteLine($"| database | request | rollups p50 | rollups p95 | MiB allocated | peer p50 | peer p95 | peer / rollups (p50) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        var missed = new List<string>();
        foreach (var request in Requests)
        {
            var (query, errors) = (request.Filters with { From = end - request.Period, To = end }).Check(request.AllWorkspaces ? null : workspaces, end);
            if (query is null)
                throw new InvalidOperationException($"{request.Label}: {string.Join("; ", errors.Keys)}");
            await using (var db = contexts.CreateDbContext())
            {
                // The warm-up is also the check: the rollups must say what the posts say.
                var report = await InsightsBuilder.BuildAsync(db, query, cancellationToken) ?? throw new InvalidOperationException($"{request.Label}: no report");
                var differences = NaiveInsights.Differences(report, await NaiveInsights.ComputeAsync(db, query, cancellationToken));
                if (differences.Count > 0)
                    throw new InvalidOperationException($"{label}, {request.Label}: the rollups disagree with the posts:\n  " + string.Join("\n  ", differences));
            }
            var allocated = GC.GetTotalAllocatedBytes();
            var rollups = await TimeAsync(contexts, reps, db => InsightsBuilder.BuildAsync(db, query, cancellationToken));
            var perReport = (GC.GetTotalAllocatedBytes() - allocated) / (double)reps / (1 << 20);
            var naive = await TimeAsync(contexts, naiveReps, db => NaiveInsights.ComputeAsync(db, query, cancellationToken));
            var (p50, p95) = (Percentiles.Of(rollups, 50), Percentiles.Of(rollups, 95));
            var (n50, n95) = (Percentiles.Of(naive, 50), Percentiles.Of(naive, 95));
            if (p95 >= TargetMs)
                missed.Add(request.Label);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {request.Label} | {p50:0.0} ms | {p95:0.0} ms | {perReport:0.0} | {n50:0} ms | {n95:0} ms | {n50 / p50:0.0}× |"));
        }
        Console.WriteLine(missed.Count == 0
            ? $"{label}: every request's p95 under {TargetMs} ms"
            : $"{label}: p95 at or over {TargetMs} ms: {string.Join(", ", missed)}");
        Console.WriteLine($"{label}: peak memory so far {PeakMemory.MiB():0} MiB");

        var spread = Math.Max(1, ids.Count / Math.Max(1, sample));
        var chosen = ids.Where((_, i) => i % spread == 0).Take(sample).ToList();
        var cost = await RollupTimings.ClassifyAsync(contexts, chosen, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: classify stage over {cost.Posts:N0} posts: {cost.StageSeconds:0.00} s ({cost.Posts / cost.StageSeconds:N0} posts/s) of which RecountAsync {cost.RecountSeconds:0.00} s; "
            + $"without it {cost.Posts / (cost.StageSeconds - cost.RecountSeconds):N0} posts/s: rollups add {cost.Overhead:P0}"));
    }

    /// <summary>Milliseconds per call, each on a fresh context as each request gets.</summary>
    private static async Task<List<double>> TimeAsync<T>(EarshotDbContextFactory contexts, int reps, Func<EarshotDbContext, Task<T>> call)
    {
        var samples = new List<double>(reps);
        for (var i = 0; i < reps; i++)
        {
            await using var db = contexts.CreateDbContext();
            var watch = Stopwatch.StartNew();
            await call(db);
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        return samples;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
