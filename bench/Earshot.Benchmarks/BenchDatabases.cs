using Earshot.Storage;
using Earshot.Storage.Postgres;
using Earshot.Testing;

namespace Earshot.Benchmarks;

/// <summary>
/// Runs a benchmark body on a fresh SQLite file and then on a fresh database of a throwaway PostgreSQL cluster,
/// honouring `--skip-sqlite` and `--skip-postgres`, and cleans up after each.
/// </summary>
public static class BenchDatabases
{
    public static async Task ForEachAsync(string name, string[] args, Func<string, DatabaseTarget, Task> run)
    {
        if (!args.Contains("--skip-sqlite"))
        {
            var sqlite = Path.Combine(Path.GetTempPath(), "earshot-bench", $"{name}-{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(sqlite)!);
            try
            {
                await run("SQLite", DatabaseTarget.Parse(sqlite));
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (args.Contains("--keep-sqlite"))
                    Console.WriteLine("SQLite file kept: " + sqlite);
                else
                    foreach (var leftover in Directory.GetFiles(Path.GetDirectoryName(sqlite)!, Path.GetFileName(sqlite) + "*"))
                        File.Delete(leftover);
            }
        }
        if (args.Contains("--skip-postgres"))
            return;
        await using var cluster = new ThrowawayCluster();
        await cluster.StartAsync();
        if (cluster.UnavailableReason is { } reason)
            Console.WriteLine("PostgreSQL skipped: " + reason);
        else
            await run("PostgreSQL", DatabaseTarget.Parse(await cluster.CreateDatabaseAsync()));
    }
}
