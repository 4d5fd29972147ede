using System.Text;
using CsCheck;
using Earshot.Engine.Importers;
using Earshot.Engine.Workspaces;
using Earshot.Fuzzing;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Import;

/// <summary>
/// Generated files of good lines mixed with garbage, imported by the real importer into a real database: every good
/// line is stored, every bad one reported with its line and a reason. Few runs (a database each); the readers'
/// parsing is fuzzed hard in Earshot.Engine.Tests.
/// </summary>
public sealed class ImportFuzzTests(PostgresServer postgres)
{
    private const string Sample = """{"id": "s-0", "channel": "api", "author": "ana", "text": "My bag is lost", "author_followers": 10, "created_at": "2026-01-05T10:00:00Z", "in_reply_to": "good-1"}""";

    private static readonly Gen<byte[]> Good = Gen.Select(Hostile.Text, Gen.Bool, (text, reply) =>
    {
        // Half a surrogate pair is a bad line by design; a good line has none (it may have NUL, BOMs, emoji).
        var clean = new string(text.Select(c => char.IsSurrogate(c) ? 'x' : c).ToArray()) + ".";
        return Encoding.UTF8.GetBytes($$"""{"id": "ID", "channel": "api", "author": "au", "text": {{Hostile.JsonString(clean)}}{{(reply ? ", \"in_reply_to\": \"good-1\"" : "")}}}""");
    });

    private static readonly Gen<byte[]> Garbage = Gen.Frequency(
            (1, Hostile.Bytes),
            (2, Hostile.Payload(Sample).Select(Encoding.UTF8.GetBytes)))
        .Select(bytes => bytes.Where(b => b is not ((byte)'\n' or (byte)'\r')).ToArray());

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public Task Import_GoodLinesAmongGarbage_EveryGoodLineStored_EveryBadLineReported(DatabaseKind kind) =>
        Fuzz.CheckAsync(Gen.Frequency((1, Good.Select(b => (true, b))), (1, Garbage.Select(b => (false, b)))).Array[5, 60], async lines =>
        {
            lines = [(true, Encoding.UTF8.GetBytes(Sample)), .. lines];
            var goodIds = new List<string>();
            var file = Path.Combine(Path.GetTempPath(), $"earshot-fuzz-{Guid.NewGuid():N}.jsonl");
            await using (var bytes = File.Create(file))
            {
                for (var i = 0; i < lines.Length; i++)
                {
                    var (good, line) = lines[i];
                    if (good && i > 0)
                    {
                        goodIds.Add($"good-{i}");
                        line = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(line).Replace("\"ID\"", $"\"good-{i}\"", StringComparison.Ordinal));
                    }
                    bytes.Write(line);
                    bytes.Write("\n"u8);
                }
            }
            await using var database = await TestDatabase.CreateAsync(kind, postgres);
            await Migrator.MigrateAsync(database.Target, CancellationToken.None);
            var rejected = new List<ImportItem>();
            try
            {
                await using var writer = new PostWriter(database.Target, TimeProvider.System);
                var importer = new PostImporter(new WorkspaceDirectory(new EarshotDbContextFactory(database.Target), TimeProvider.System), writer) { BatchSize = 7 };
                var summary = await importer.ImportAsync(file, ImportFormat.Jsonl, "w", rejected.Add, null, CancellationToken.None);
                Assert.Equal(rejected.Count, summary.Rejected);
            }
            finally
            {
                File.Delete(file);
            }

            Assert.All(rejected, item =>
            {
                Assert.InRange(item.Line, 2, lines.Length);
                Assert.False(lines[item.Line - 1].Item1, $"good line {item.Line} was rejected: {item.Error}");
                Assert.False(string.IsNullOrWhiteSpace(item.Error));
            });
            await using var db = database.Target.CreateContext();
            var stored = await db.Posts.Select(p => p.ExternalId).ToListAsync();
            Assert.Contains("s-0", stored);
            Assert.All(goodIds, id => Assert.Contains(id, stored));
        }, quick: 1, print: lines => string.Join("\n", lines.Select(l => (l.Item1 ? "good " : "bad  ") + Fuzz.Visible(Encoding.UTF8.GetString(l.Item2)))));
}
