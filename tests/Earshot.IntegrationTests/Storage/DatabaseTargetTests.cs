using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Earshot.IntegrationTests.Storage;

/// <summary>How `--db` becomes a connection, and that pooled contexts come back clean.</summary>
public sealed class DatabaseTargetTests(PostgresServer postgres)
{
    [Fact]
    public void Postgres_PreparesStatementsAndKeepsFewConnectionsUnlessTheConnectionStringSaysOtherwise()
    {
        var plain = new NpgsqlConnectionStringBuilder(DatabaseTarget.Parse("Host=db.example;Database=earshot").ConnectionString);
        var chosen = new NpgsqlConnectionStringBuilder(
            DatabaseTarget.Parse("Host=db.example;Database=earshot;Max Auto Prepare=0;Maximum Pool Size=40").ConnectionString);

        Assert.Equal((64, 10), (plain.MaxAutoPrepare, plain.MaxPoolSize));
        Assert.Equal((0, 40), (chosen.MaxAutoPrepare, chosen.MaxPoolSize));
        Assert.Equal("db.example", plain.Host);
    }

    [Fact]
    public void Postgres_AcceptsTheUriHostingProvidersPrint()
    {
        var target = DatabaseTarget.Parse("postgres://ana:p%40ss@db.example:5433/earshot?sslmode=require&Timeout=30");
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);

        Assert.Equal(DatabaseProvider.Postgres, target.Provider);
        Assert.Equal(("db.example", 5433, "earshot", "ana", "p@ss"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Equal((SslMode.Require, 30, 10), (builder.SslMode, builder.Timeout, builder.MaxPoolSize));
    }

    [Theory]
    [InlineData("Host=db.example;Bogus=1", "Bogus")]
    [InlineData("postgres://ana:secret@/earshot", "not a postgres://")]
    [InlineData("postgresql://ana:secret@db.example/earshot?sslmode=sometimes", "sometimes")]
    public void Postgres_UnreadableConnectionString_SaysWhatAndNeverEchoesThePassword(string db, string named)
    {
        var error = Assert.Throws<FormatException>(() => DatabaseTarget.Parse(db));

        Assert.Contains(named, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, DatabaseTarget.Problem(db));
    }

    [Fact]
    public async Task Cli_UnreadableDb_IsAUsageErrorNamingTheSetting()
    {
        var result = await EarshotProcess.RunAsync("stats", "--db", "Host=db.example;Bogus=1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'bogus' is unknown", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task PooledContext_ReturnsWithoutTrackedEntitiesOrSettings(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, TestContext.Current.CancellationToken);
        var contexts = new EarshotDbContextFactory(database.Target);
        await using (var first = contexts.CreateDbContext())
        {
            first.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            first.Database.SetCommandTimeout(1);
            first.Workspaces.Add(new Earshot.Core.Workspaces.Workspace { Name = "never saved" });
        }

        await using var second = contexts.CreateDbContext();
        Assert.Empty(second.ChangeTracker.Entries());
        Assert.Equal(QueryTrackingBehavior.TrackAll, second.ChangeTracker.QueryTrackingBehavior);
        Assert.NotEqual(1, second.Database.GetCommandTimeout());
        Assert.DoesNotContain(await second.Workspaces.Select(w => w.Name).ToListAsync(), name => name == "never saved");
    }
}
