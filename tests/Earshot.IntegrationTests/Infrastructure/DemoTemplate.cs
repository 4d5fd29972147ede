using Earshot.Hosting;
using Earshot.Storage;
using Microsoft.Data.Sqlite;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>
/// The demo, seeded once per test run into a SQLite file that each demo test starts from a copy of. Seeding plays a
/// week of posts and care work through the real pipeline (seconds); a dozen tests start the demo, and each gets the
/// same week, ending when the run began.
/// </summary>
internal static class DemoTemplate
{
    private static readonly Lazy<Task<string>> Seeded = new(SeedAsync);

    /// <summary>Puts a copy of the seeded demo where <paramref name="database"/> lives, unless something is there already.</summary>
    public static async Task CopyToAsync(TestDatabase database)
    {
        var path = new SqliteConnectionStringBuilder(database.Target.ConnectionString).DataSource;
        if (File.Exists(path))
            return;
        var template = await Seeded.Value;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await VacuumIntoAsync(template, path);
    }

    /// <summary>Writes a consistent, self-contained copy of the database at <paramref name="from"/>, as a backup is made.</summary>
    private static async Task VacuumIntoAsync(string from, string to)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = from, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var vacuum = connection.CreateCommand();
        vacuum.CommandText = "VACUUM INTO $path";
        vacuum.Parameters.AddWithValue("$path", to);
        await vacuum.ExecuteNonQueryAsync();
    }

    private static async Task<string> SeedAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "earshot-demo-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var seeded = Path.Combine(directory, "seeded.db");
        var options = new ServeOptions(DatabaseTarget.Parse(seeded), "http://127.0.0.1:0", Demo: true);
        await using (var app = EarshotWebApp.Build(options))
            await EarshotWebApp.PrepareAsync(app, options, CancellationToken.None);
        var template = Path.Combine(directory, "demo.db");
        await VacuumIntoAsync(seeded, template);
        // Only the seeding's pool: other tests' idle connections stay.
        using (var pooled = new SqliteConnection(options.Database.ConnectionString))
            SqliteConnection.ClearPool(pooled);
        return template;
    }
}
