using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Storage;

/// <summary>
/// A database migrated by a pre-release build, before the migrations were squashed into one Initial: its history
/// names migrations this build does not have, and its tables already exist.
/// </summary>
public sealed class DatabaseFromEarlierBuildTests(PostgresServer postgres)
{
    private static readonly string[] SqliteChain =
    [
        "20261123063945_Initial", "20261123072149_ChannelHealth", "20261123082133_Inbox", "20261123092337_AlertsOwnedChannelsQueue",
        "20261123105708_QueueIndexes", "20261123121357_PostAttachments", "20261123121947_AgentLoadIndex", "20261123122536_TrainedModels",
        "20261123164559_ReplyCounts", "20261123164649_AlertIncidentCase", "20261124004209_UnfinishedPostsIndex",
    ];

    private static readonly string[] PostgresChain =
    [
        "20261123063949_Initial", "20261123072154_ChannelHealth", "20261123082141_Inbox", "20261123092340_AlertsOwnedChannelsQueue",
        "20261123105711_QueueIndexes", "20261123121402_PostAttachments", "20261123121951_AgentLoadIndex", "20261123122553_TrainedModels",
        "20261123164620_ReplyCounts", "20261123164654_AlertIncidentCase", "20261124004214_UnfinishedPostsIndex",
    ];

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Migrate_HistoryOfTheSquashedChain_ThrowsSayingWhatToDoAndChangesNothing(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await EarlierBuildDatabaseAsync(kind);
        var chain = kind == DatabaseKind.Sqlite ? SqliteChain : PostgresChain;

        var error = await Assert.ThrowsAsync<DatabaseFromEarlierBuildException>(() => Migrator.MigrateAsync(database.Target, ct));

        Assert.Equal(chain, error.UnknownMigrations);
        Assert.StartsWith(database.Target.Describe() + " was created by a pre-release build of Earshot", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{chain[0]} … {chain[^1]}, 11 in all", error.Message, StringComparison.Ordinal);
        Assert.Contains("point --db at a new database, then import your data again (earshot import)", error.Message, StringComparison.Ordinal);
        await using var db = database.Target.CreateContext();
        Assert.Equal(chain, await db.Database.GetAppliedMigrationsAsync(ct));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite, "migrate")]
    [InlineData(DatabaseKind.Sqlite, "serve")]
    [InlineData(DatabaseKind.Postgres, "stats")]
    public async Task Cli_DatabaseFromEarlierBuild_ExitsOneWithTheMessageAndNoStackTrace(DatabaseKind kind, string command)
    {
        await using var database = await EarlierBuildDatabaseAsync(kind);
        string[] args = command == "serve" ? ["serve", "--urls", "http://127.0.0.1:0"] : [command];

        var result = await EarshotProcess.RunAsync([.. args, "--db", database.DbArgument]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("was created by a pre-release build of Earshot", result.Error, StringComparison.Ordinal);
        Assert.Contains("(earshot import)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The schema in place, the history naming the squashed chain's migrations instead of this build's.</summary>
    private async Task<TestDatabase> EarlierBuildDatabaseAsync(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, ct);
        var chain = kind == DatabaseKind.Sqlite ? SqliteChain : PostgresChain;
        await using var db = database.Target.CreateContext();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\"", ct);
        foreach (var id in chain)
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({id}, '10.0.15')", ct);
        }
        return database;
    }
}
