using System.Text.RegularExpressions;
using Earshot.Core.Pipeline;
using Earshot.Engine.Pipeline;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Storage;

/// <summary>
/// The pipeline's sweep reads the partial index of unfinished posts. Walking the table instead cost 0.6–0.9 s per
/// sweep on a database of a few hundred thousand posts, and the pipeline stood still meanwhile.
/// </summary>
public sealed partial class UnfinishedPostsIndexTests(PostgresServer postgres)
{
    [Fact]
    public async Task TheSweepQuery_ReadsThePartialIndex_OnSqlite()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        await Migrator.MigrateAsync(database.Target, ct);
        await using var db = database.Target.CreateContext();
        var sql = PipelineRunner.UnfinishedAfter(db, Guid.Empty, (int)PipelineStep.Published, 500).ToQueryString();
        // ToQueryString declares the parameters as `.param set` lines; the plan does not need their values.
        var statement = string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + statement;
        foreach (var name in ParameterName().Matches(statement).Select(m => m.Value).Distinct())
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, step => step.Contains(UnfinishedPosts.IndexName, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN p", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task TheIndex_HoldsOnlyPostsBeforeTheLastStage(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, ct);
        await using var db = database.Target.CreateContext();
        var definition = kind == DatabaseKind.Sqlite
            ? await db.Database.SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE name = {0}", UnfinishedPosts.IndexName).SingleAsync(ct)
            : await db.Database.SqlQueryRaw<string>("SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname = {0}", UnfinishedPosts.IndexName).SingleAsync(ct);

        Assert.Matches(@"(?i)\(\s*""?id""?\s*\)\s*WHERE\s*\(?\s*""?stage""?\s*<\s*100\b", definition);
        Assert.Equal(100, (int)PipelineStep.Published);
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex ParameterName();
}
