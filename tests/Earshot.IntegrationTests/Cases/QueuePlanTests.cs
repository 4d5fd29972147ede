using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Cases;

/// <summary>
/// The queue must stay an index range scan however big the backlog: these read the database's own query plans
/// (no timing), so a change that makes the queue sort every waiting case fails here.
/// </summary>
public sealed class QueuePlanTests(PostgresServer postgres)
{
    [Fact]
    public async Task On_sqlite_the_queue_and_next_case_walk_an_index_in_rank_order()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        await Earshot.Storage.Migrator.MigrateAsync(database.Target, CancellationToken.None);
        await using var db = new Earshot.Storage.EarshotDbContextFactory(database.Target).CreateDbContext();

        var listing = db.Cases.Where(c => c.Queued).OrderBy(c => c.RankKey).Take(50).ToQueryString();
        var listingPlan = await PlanAsync(db, listing[(listing.IndexOf("SELECT", StringComparison.Ordinal))..].Replace("@p", "50", StringComparison.Ordinal));
        Assert.Contains("USING INDEX ix_cases_queued_rank_key", listingPlan);
        Assert.DoesNotContain("TEMP B-TREE", listingPlan);

        var claimPlan = await PlanAsync(db, "SELECT id FROM cases WHERE queued = 1 AND assignee_id IS NULL ORDER BY rank_key LIMIT 1");
        Assert.Contains("USING INDEX ix_cases_queued_assignee_id_rank_key", claimPlan);
        Assert.DoesNotContain("TEMP B-TREE", claimPlan);
    }

    private static async Task<string> PlanAsync(Earshot.Storage.EarshotDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(3));
        return string.Join("\n", lines);
    }
}
