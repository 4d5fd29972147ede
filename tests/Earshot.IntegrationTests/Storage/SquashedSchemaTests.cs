using System.Text;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;

namespace Earshot.IntegrationTests.Storage;

/// <summary>
/// Each provider's migrations were squashed into one <c>Initial</c>. Schema/sqlite.sql and Schema/postgres.sql are the
/// schema the eleven migrations before it created (dumped by <see cref="SchemaDump"/> before they were deleted); a
/// database made by the squashed migration must have exactly that schema.
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
        await Migrator.MigrateAsync(database.Target, ct);

        var actual = await SchemaDump.OfAsync(database.Target, ct);

        var expected = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Storage", "Schema", golden), ct);
        if (actual != expected)
        {
            var written = Path.Combine(Path.GetTempPath(), "earshot-schema-" + Guid.NewGuid().ToString("N")[..8] + "-" + golden);
            await File.WriteAllTextAsync(written, actual, ct);
            Assert.Fail($"The {kind} schema differs from Storage/Schema/{golden} (- expected, + actual; the whole dump is in {written}):\n"
                + Diff(expected.Split('\n'), actual.Split('\n')));
        }
    }

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
            else if (a < actual.Length && (e == expected.Length || common[e, a + 1] >= common[e + 1, a]))
            {
                diff.Append(System.Globalization.CultureInfo.InvariantCulture, $"+{a + 1,5}: {actual[a++]}\n");
                shown++;
            }
            else
            {
                diff.Append(System.Globalization.CultureInfo.InvariantCulture, $"-{e + 1,5}: {expected[e++]}\n");
                shown++;
            }
        }
        return diff.ToString();
    }
}
