using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Earshot.Benchmarks.Import;
using Earshot.Engine.Importers;
using Earshot.Engine.Workspaces;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Benchmarks.Exports;

/// <summary>
/// `csv-export [--posts N] [--skip-sqlite] [--skip-postgres]`: every post of a workspace as CSV through the export's
/// own path (one query read row by row into the response's writer), against the naive export (load every row with ToListAsync, then
/// write them) on the same posts. Each export runs in its own process (`csv-export-one`), so its peak memory is its own.
/// </summary>
public sealed class CsvExportBench : IBench
{
    public string Name => "csv-export";
    public string Description => "rows/s and peak memory exporting every post as CSV, streamed vs loaded whole first";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var posts = Option(args, "--posts", 1_000_000);
        Console.WriteLine($"{posts:N0} posts");
        var results = new List<(string Database, CsvExportOneBench.Figures Figures)>();
        await BenchDatabases.ForEachAsync("csv-export", args, async (label, target) =>
        {
            var seeding = Stopwatch.StartNew();
            await Migrator.MigrateAsync(target, cancellationToken);
            await using (var writer = new PostWriter(target, TimeProvider.System))
            {
                var importer = new PostImporter(new WorkspaceDirectory(new EarshotDbContextFactory(target), TimeProvider.System), writer);
                await importer.ImportAsync(SamplePosts.EnsureJsonl(posts), null, "bench", null, null, cancellationToken);
            }
            await using (var context = target.CreateContext())
                await context.Database.ExecuteSqlRawAsync(context.Provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE posts" : "ANALYZE", cancellationToken);
            Console.WriteLine($"{label}: imported in {seeding.Elapsed.TotalSeconds:0} s");
            var db = target.Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(target.ConnectionString).DataSource : target.ConnectionString;
            foreach (var mode in new[] { "streamed", "naive" })
            {
                var figures = await RunChildAsync(db, mode);
                results.Add((label, figures));
                Console.WriteLine($"{label}: {figures}");
            }
        });

        Console.WriteLine();
        Console.WriteLine("| database | export | rows | seconds | rows/s | MiB written | peak managed MiB | peak working set MiB |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (database, f) in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {database} | {f.Mode} | {f.Rows:N0} | {f.Seconds:0.0} | {f.Rows / f.Seconds:N0} | {f.Bytes / 1048576.0:0} | {f.PeakManagedMiB:0} | {f.PeakWorkingSetMiB:0} |"));
        foreach (var database in results.Select(r => r.Database).Distinct())
        {
            var streamed = results.First(r => r.Database == database && r.Figures.Mode == "streamed").Figures;
            var naive = results.First(r => r.Database == database && r.Figures.Mode == "naive").Figures;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{database}: naive / streamed peak managed {naive.PeakManagedMiB / streamed.PeakManagedMiB:0.0}x, peak working set {naive.PeakWorkingSetMiB / streamed.PeakWorkingSetMiB:0.0}x; streamed rows/s {naive.Seconds / streamed.Seconds:0.00}x the naive"));
        }
        return 0;
    }

    private static async Task<CsvExportOneBench.Figures> RunChildAsync(string db, string mode)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        foreach (var arg in new[] { typeof(CsvExportBench).Assembly.Location, "csv-export-one", db, mode })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"csv-export-one {mode} failed ({process.ExitCode}): {output}");
        return JsonSerializer.Deserialize<CsvExportOneBench.Figures>(output.Trim().Split('\n')[^1])!;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
