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
