using System.Diagnostics;
using System.Text;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Import;

/// <summary>`kill -9` in the middle of an import, then the same import again: every row stored exactly once.</summary>
public sealed class KilledImportTests(PostgresServer postgres)
{
    private const int Rows = 60_000;

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_KilledMidwayThenRerun_StoresEveryRowExactlyOnce(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        var file = await WriteFileAsync();
        try
        {
            using (var import = Process.Start(EarshotProcess.StartInfo("import", file, "--db", database.DbArgument))!)
            {
                import.StandardInput.Close();
                _ = import.StandardOutput.ReadToEndAsync();
                _ = import.StandardError.ReadToEndAsync();
                var stored = await WaitForSomePostsAsync(database, import);
                import.Kill(entireProcessTree: true); // SIGKILL: no chance to finish a batch or clean up
                await import.WaitForExitAsync();
                Assert.InRange(stored, 1, Rows - 1);
            }

            var rerun = await EarshotProcess.RunAsync("import", file, "--db", database.DbArgument);

            Assert.Equal(0, rerun.ExitCode);
            await using var db = database.Target.CreateContext();
            Assert.Equal(Rows, await db.Posts.CountAsync());
            Assert.Equal(Rows, await db.Posts.Select(p => p.ExternalId).Distinct().CountAsync());
            var summary = rerun.Output.Trim().Split('\n')[^1];
            Assert.StartsWith($"read {Rows}, stored ", summary, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<int> WaitForSomePostsAsync(TestDatabase database, Process import)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline && !import.HasExited)
        {
            try
            {
                await using var db = database.Target.CreateContext();
                var count = await db.Posts.CountAsync();
                if (count > 0)
                    return count;
            }
            catch (Exception error) when (error is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException or InvalidOperationException)
            {
                // The importer is still creating the schema.
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("the import stored nothing before it ended");
    }

    private static async Task<string> WriteFileAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"earshot-kill-{Guid.NewGuid():N}.jsonl");
        await using var writer = new StreamWriter(file, false, new UTF8Encoding(false));
        for (var i = 0; i < Rows; i++)
        {
            await writer.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $$"""{"id": "k{{i}}", "channel": "api", "author": "user{{i % 997}}", "author_followers": {{i % 5000}}, "text": "post {{i}}: the app keeps crashing after the update", "created_at": "2026-02-01T10:00:00Z"}"""));
        }
        return file;
    }
}
