using System.Text;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Earshot.IntegrationTests.Storage;

/// <summary>
/// Each provider's migrations were squashed into one <c>Initial</c>. Schema/sqlite.sql and Schema/postgres.sql are the
/// schema the eleven migrations before it created (dumped by <see cref="SchemaDump"/> before they were deleted); a
/// database made by the squashed migration must have that schema: the same tables, columns, types, nullability, keys,
/// foreign keys and indexes (partial ones included), with two differences that the comparison forgives:
/// <list type="bullet">
/// <item>Column order. A column the chain added to an existing table came last (ALTER TABLE ADD COLUMN, which SQLite
/// also writes onto the last column's line), and a table SQLite rebuilt got its columns in name order; the squashed
/// migration creates each table with its columns in model order. Earshot reads and writes columns by name only (EF
/// Core, and the raw SQL names its columns), so the order makes no difference.</item>
/// <item>The DEFAULT of <see cref="AddedWithDefaultForExistingRows"/>. The chain added those NOT NULL columns to tables
/// that could hold rows, so EF Core gave them a default (0, false, '', an all-zero uuid, -infinity) to fill those rows;
/// the model has no default for them, so the squashed migration has none either. Every INSERT into those tables comes
/// from EF Core, which writes each column, so nothing relied on the defaults.</item>
/// </list>
/// </summary>
public sealed class SquashedSchemaTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite, "sqlite.sql")]
    [InlineData(DatabaseKind.Postgres, "postgres.sql")]
    public async Task Migrations_CreateTheSchemaOfTheChainTheyReplaced(DatabaseKind kind, string golden)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        // Only as far as Initial: the migrations after it change the schema on purpose.
        await using (var db = database.Target.CreateContext())
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(db.Database.GetMigrations().First(), ct);

        var dump = await SchemaDump.OfAsync(database.Target, ct);

        var expected = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Storage", "Schema", golden), ct);
        expected = SchemaDump.WithColumnsSorted(expected, AddedWithDefaultForExistingRows);
        var actual = SchemaDump.WithColumnsSorted(dump, AddedWithDefaultForExistingRows);
        if (actual != expected)
        {
            var written = Path.Combine(Path.GetTempPath(), "earshot-schema-" + Guid.NewGuid().ToString("N")[..8] + "-" + golden);
            await File.WriteAllTextAsync(written, dump, ct);
            Assert.Fail($"The {kind} schema differs from Storage/Schema/{golden} (columns sorted; - expected, + actual; the whole dump is in {written}):\n"
                + Diff(expected.Split('\n'), actual.Split('\n')));
        }
    }

    private static bool AddedWithDefaultForExistingRows(string table, string column) => (table, column) switch
    {
        ("cases", "breaches" or "channel_id" or "deadline_boost" or "intent" or "queued" or "rank_key" or "routed_by" or "severity"
            or "subject" or "updated_at") => true,
        ("channels", "enabled" or "health_consecutive_failures" or "health_posts_received" or "health_replies_sent") => true,
        ("teams", "assignment") => true,
        ("topics", "sensitivity") => true,
        ("users", "available" or "capacity" or "failed_logins") => true,
        ("workspaces", "case_policy_json") => true,
        _ => false,
    };

    /// <summary>The lines only one side has, with their line numbers, from a longest common subsequence.</summary>
    private static string Diff(string[] expected, string[] actual)
    {
        var common = new int[expected.Length + 1, actual.Length + 1];
        for (var i = expected.Length - 1; i >= 0; i--)
        {
            for (var j = actual.Length - 1; j >= 0; j--)
            {
                common[i, j] = expected[i] == actual[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }
        var diff = new StringBuilder();
        int e = 0, a = 0, shown = 0;
        while ((e < expected.Length || a < actual.Length) && shown < 200)
        {
            if (e < expected.Length && a < actual.Length && expected[e] == actual[a])
            {
                e++;
                a++;
            }
            else if (e < expected.Length && (a == actual.Length || common[e + 1, a] >= common[e, a + 1]))
            {
                diff.Append(System.Globalization.CultureInfo.InvariantCulture, $"-{e + 1,5}: {expected[e++]}\n");
                shown++;
            }
            else
            {
                diff.Append(System.Globalization.CultureInfo.InvariantCulture, $"+{a + 1,5}: {actual[a++]}\n");
                shown++;
            }
        }
        return diff.ToString();
    }
}
