using Earshot.Core.Posts;
using Earshot.Engine.Workspaces;
using Earshot.Hosting;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Earshot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Earshot.IntegrationTests.Storage;

/// <summary>
/// The server checkpoints SQLite's write-ahead log in the background, so no commit waits for the database file to be
/// written and synced. A page is in the database file only once a checkpoint has copied it there.
/// </summary>
public sealed class WalCheckpointTests(PostgresServer postgres)
{
    private const int FillerPages = 2_000; // twice SQLite's automatic checkpoint threshold

    [Fact]
    public async Task ConnectionsOfAServer_LeaveTheCopyingToTheCheckpointer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        await Migrator.MigrateAsync(database.Target, ct);
        var server = database.Target with { CheckpointsInBackground = true };
        var before = DatabaseFileSize(server);

        var pageSize = await FillAsync(server, ct);
        Assert.True(DatabaseFileSize(server) - before < FillerPages * pageSize / 10, "the commit copied the log into the database file itself");

        var checkpoint = await SqliteWal.CheckpointAsync(server, int.MaxValue, ct);
        Assert.True(checkpoint.InLog >= FillerPages, $"{checkpoint.InLog} frames in the log");
        Assert.Equal(checkpoint.InLog, checkpoint.Copied);
        Assert.True(DatabaseFileSize(server) - before >= FillerPages * pageSize, "the checkpoint did not copy the pages");
    }

    [Fact]
    public async Task ALogPastTheRestartSize_StartsAgainFromItsBeginning()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        await Migrator.MigrateAsync(database.Target, ct);
        var server = database.Target with { CheckpointsInBackground = true };
        var pageSize = await FillAsync(server, ct);

        var below = await SqliteWal.CheckpointAsync(server, (FillerPages + 100) * pageSize, ct);
        var past = await SqliteWal.CheckpointAsync(server, FillerPages * pageSize, ct);
        await using (var db = server.CreateContext())
            await db.Database.ExecuteSqlRawAsync("INSERT INTO filler VALUES (x'00')", ct);
        var after = await SqliteWal.CheckpointAsync(server, int.MaxValue, ct);

        Assert.True(below.InLog >= FillerPages, $"{below.InLog} frames in the log");
        Assert.Equal(below.InLog, past.InLog); // the first checkpoint copied it all, but only a restart empties it
        Assert.InRange(after.InLog, 1, 10);
    }

    [Fact]
    public async Task OtherProcesses_KeepSqlitesAutomaticCheckpoints()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        await Migrator.MigrateAsync(database.Target, ct);
        var before = DatabaseFileSize(database.Target);

        var pageSize = await FillAsync(database.Target, ct);

        Assert.True(DatabaseFileSize(database.Target) - before >= FillerPages * pageSize, "the commit did not checkpoint");
    }

    [Fact]
    public async Task TheCheckpointer_CopiesTheLogWhileTheServerRuns()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        await Migrator.MigrateAsync(database.Target, ct);
        var server = database.Target with { CheckpointsInBackground = true };
        var before = DatabaseFileSize(server);
        using var checkpointer = new WalCheckpointer(server, NullLogger<WalCheckpointer>.Instance);
        await checkpointer.StartAsync(ct);
        try
        {
            var pageSize = await FillAsync(server, ct);
            await Wait.UntilAsync(() => Task.FromResult(DatabaseFileSize(server) - before >= FillerPages * pageSize), "the checkpointer to copy the log", 20);
        }
        finally
        {
            await checkpointer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task ABulkWriter_HasTheLogCopiedOnAnotherThread()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        await Migrator.MigrateAsync(database.Target, ct);
        var directory = new WorkspaceDirectory(new EarshotDbContextFactory(database.Target), TimeProvider.System);
        var workspace = await directory.GetOrCreateWorkspaceAsync("w", ct);
        var channel = await directory.GetOrCreateChannelAsync(workspace, ChannelKind.Api, ct);
        var before = DatabaseFileSize(database.Target);

        await using var writer = new PostWriter(database.Target, TimeProvider.System);
        for (var batch = 0; batch < 5; batch++)
        {
            await writer.WriteAsync(Enumerable.Range(0, 5_000).Select(i => new IngestRow(workspace, channel, new IncomingPost
            {
                ExternalId = $"{batch}-{i}", Channel = ChannelKind.Api, Author = $"u{i}", Text = new string('x', 500), RawPayload = "{}",
            })).ToList(), ct);
        }

        // The writer's own checkpoint comes only every ~400 MB of log: the file grows because of the copier.
        await Wait.UntilAsync(() => Task.FromResult(DatabaseFileSize(database.Target) - before > 5_000_000), "the log to be copied while the writer is open", 20);
    }

    [Fact]
    public async Task CheckpointingPostgres_IsRefused()
    {
        var target = new DatabaseTarget(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=none");
        await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteWal.CheckpointAsync(target, 1, TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// One transaction of about <see cref="FillerPages"/> pages, through EF Core as the app writes; returns the
    /// database's page size.
    /// </summary>
    private static async Task<long> FillAsync(DatabaseTarget target, CancellationToken ct)
    {
        await using var db = target.CreateContext();
        var pageSize = await db.Database.SqlQueryRaw<long>("SELECT page_size AS \"Value\" FROM pragma_page_size").SingleAsync(ct);
        var blob = pageSize * 95 / 100; // one row per page
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE filler (data BLOB)", ct);
        await db.Database.ExecuteSqlAsync(
            $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {FillerPages}) INSERT INTO filler SELECT randomblob({blob}) FROM n", ct);
        return pageSize;
    }

    private static long DatabaseFileSize(DatabaseTarget target) =>
        new FileInfo(new SqliteConnectionStringBuilder(target.ConnectionString).DataSource).Length;
}
