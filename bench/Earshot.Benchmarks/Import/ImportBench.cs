using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Earshot.Storage.Postgres;
using Earshot.Testing;

namespace Earshot.Benchmarks.Import;

/// <summary>
/// `import`: stores the airline CSV and a generated JSONL of real-shaped posts into SQLite and PostgreSQL with
/// Earshot's importer, and the first 100,000 of those posts with a plain EF Core importer (the peer: what a straight
/// ORM import does), each run in its own process so its peak memory is its own.
/// </summary>
public sealed class ImportBench : IBench
{
    public string Name => "import";
    public string Description => "posts/s and peak memory importing into SQLite and PostgreSQL, against a plain EF Core import";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var posts = Option(args, "--posts", 1_000_000);
        var skipPostgres = args.Contains("--skip-postgres");
        var jsonl = SamplePosts.EnsureJsonl(posts);
        var peerFile = SamplePosts.EnsureJsonl(100_000);
        var airline = SamplePosts.AirlineCsv();

        await using var cluster = new ThrowawayCluster();
        if (!skipPostgres)
            await cluster.StartAsync();
        var results = new List<RunResult>();
        async Task RunAsync(string label, string file, string database, string importer)
        {
            var db = database == "sqlite"
                ? Path.Combine(Path.GetTempPath(), "earshot-bench", $"bench-{Guid.NewGuid():N}.db")
                : await cluster.CreateDatabaseAsync();
            results.Add(await RunChildAsync(label, file, db, database, importer));
            Console.WriteLine(results[^1]);
            if (database == "sqlite")
                foreach (var leftover in Directory.GetFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*"))
                    File.Delete(leftover);
        }

        if (airline is not null)
            await RunAsync("airline CSV (14,640 rows)", airline, "sqlite", "earshot");
        await RunAsync($"JSONL ({posts:N0} posts)", jsonl, "sqlite", "earshot");
        await RunAsync("JSONL (100,000 posts)", peerFile, "sqlite", "earshot");
        await RunAsync("JSONL (100,000 posts)", peerFile, "sqlite", "efcore");
        if (!skipPostgres && cluster.UnavailableReason is null)
        {
            if (airline is not null)
                await RunAsync("airline CSV (14,640 rows)", airline, "postgres", "earshot");
            await RunAsync($"JSONL ({posts:N0} posts)", jsonl, "postgres", "earshot");
            await RunAsync("JSONL (100,000 posts)", peerFile, "postgres", "earshot");
            await RunAsync("JSONL (100,000 posts)", peerFile, "postgres", "efcore");
        }
        else if (!skipPostgres)
        {
            Console.WriteLine("PostgreSQL skipped: " + cluster.UnavailableReason);
        }

        Console.WriteLine();
        Console.WriteLine("| input | database | importer | stored | seconds | posts/s | peak MiB |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|");
        foreach (var r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Label} | {r.Database} | {r.Importer} | {r.Stored:N0} | {r.Seconds:0.0} | {r.PostsPerSecond:N0} | {r.PeakMiB:0} |"));
        foreach (var database in new[] { "sqlite", "postgres" })
        {
            var ours = results.FirstOrDefault(r => r.Database == database && r.Importer == "earshot" && r.Label.StartsWith("JSONL (100,000", StringComparison.Ordinal));
            var peer = results.FirstOrDefault(r => r.Database == database && r.Importer == "efcore");
            if (ours is not null && peer is not null)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{database}: Earshot {ours.PostsPerSecond / peer.PostsPerSecond:0.0}x the posts/s of a plain EF Core import on the same 100,000 posts"));
        }
        return 0;
    }

    private static async Task<RunResult> RunChildAsync(string label, string file, string db, string database, string importer)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        foreach (var arg in new[] { typeof(ImportBench).Assembly.Location, "import-one", file, db, importer })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var last = output.Trim().Split('\n')[^1];
        var json = JsonDocument.Parse(last).RootElement;
        return new RunResult(label, database, importer, json.GetProperty("stored").GetInt64(),
            json.GetProperty("seconds").GetDouble(), json.GetProperty("peak_mib").GetDouble());
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record RunResult(string Label, string Database, string Importer, long Stored, double Seconds, double PeakMiB)
    {
        public double PostsPerSecond => Stored / Seconds;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Label} → {Database} ({Importer}): stored {Stored:N0} in {Seconds:0.0} s = {PostsPerSecond:N0} posts/s, peak {PeakMiB:0} MiB");
    }
}
