using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Storage;

/// <summary>
/// A SQLite backup (`VACUUM INTO`, the shell's `.backup`) is a plain file, not in WAL mode: restored, it must open,
/// migrate and keep its data like the original.
/// </summary>
public sealed class SqliteBackupRestoreTests(PostgresServer postgres)
{
    [Fact]
    public async Task ADatabaseRestoredFromABackup_Opens_Migrates_AndRunsInWalModeAgain()
    {
        await using var original = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        await Migrator.MigrateAsync(original.Target, TestContext.Current.CancellationToken);
        var workspace = await original.ApiChannelAsync();
        await using var restored = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        var path = new SqliteConnectionStringBuilder(restored.Target.ConnectionString).DataSource;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var connection = new SqliteConnection(original.Target.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var backup = connection.CreateCommand();
            backup.CommandText = "VACUUM INTO $path";
            backup.Parameters.AddWithValue("$path", path);
            await backup.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        Assert.Equal("delete", await JournalModeAsync(path));

        Assert.Empty(await Migrator.MigrateAsync(restored.Target, TestContext.Current.CancellationToken));
        await using var db = restored.Target.CreateContext();
        Assert.True(await db.Workspaces.AnyAsync(w => w.Id == workspace.Workspace, TestContext.Current.CancellationToken));
        Assert.Equal("wal", await JournalModeAsync(path));
    }

    private static async Task<string> JournalModeAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
