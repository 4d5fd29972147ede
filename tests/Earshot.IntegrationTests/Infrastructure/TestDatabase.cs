using Earshot.Storage;
using Microsoft.Data.Sqlite;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>The two databases every storage and API test runs against.</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>A fresh, empty database of one kind for one test.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _directory;

    private TestDatabase(DatabaseTarget target, string? directory)
    {
        Target = target;
        _directory = directory;
    }

    public DatabaseTarget Target { get; }

    /// <summary>A workspace "w" with an API channel, as the ingest writer's tests need.</summary>
    public async Task<(Guid Workspace, Guid Channel)> ApiChannelAsync()
    {
        var directory = new Earshot.Engine.Workspaces.WorkspaceDirectory(new EarshotDbContextFactory(Target), TimeProvider.System);
        var workspace = await directory.GetOrCreateWorkspaceAsync("w", CancellationToken.None);
        return (workspace, await directory.GetOrCreateChannelAsync(workspace, Earshot.Core.Posts.ChannelKind.Api, CancellationToken.None));
    }

    /// <summary>What `--db` takes for this database.</summary>
    public string DbArgument => Target.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(Target.ConnectionString).DataSource
        : Target.ConnectionString;

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind, PostgresServer postgres)
    {
        if (kind == DatabaseKind.Postgres)
        {
            if (postgres.UnavailableReason is { } reason)
                Assert.Skip(reason);
            return new TestDatabase(DatabaseTarget.Parse(await postgres.CreateDatabaseAsync()), null);
        }
        var directory = Path.Combine(Path.GetTempPath(), "earshot-test-" + Guid.NewGuid().ToString("N")[..12]);
        return new TestDatabase(DatabaseTarget.Parse(Path.Combine(directory, "earshot.db")), directory);
    }

    public ValueTask DisposeAsync()
    {
        // Idle pooled connections would otherwise live on for minutes after their test, and a full run's worth of
        // them exhausts the server's connection slots.
        if (Target.Provider == DatabaseProvider.Postgres)
        {
            using var connection = new Npgsql.NpgsqlConnection(Target.ConnectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
        if (_directory is not null)
        {
            // Only this database's pool: clearing every pool would close other tests' idle connections, and the
            // last connection to close checkpoints its database's log, which the WAL tests watch for.
            using var connection = new SqliteConnection(Target.ConnectionString);
            SqliteConnection.ClearPool(connection);
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        return ValueTask.CompletedTask;
    }
}
