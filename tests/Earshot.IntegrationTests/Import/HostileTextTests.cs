using System.Net;
using System.Text;
using Earshot.Core.Posts;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Import;

/// <summary>Characters a database cannot hold, escapes JSON cannot decode and a byte order mark: each bad item is named and the good ones kept.</summary>
public sealed class HostileTextTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_BadBytesAndEscapes_RejectsOnlyTheUndecodableLine_AndStoresTheRestAlike(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        var file = Path.Combine(Path.GetTempPath(), $"earshot-hostile-{Guid.NewGuid():N}.jsonl");
        using (var bytes = new MemoryStream())
        {
            bytes.Write([0xEF, 0xBB, 0xBF]); // a byte order mark, as Windows editors write it
            Line(bytes, """{"id": "1", "channel": "api", "author": "ana", "text": "first, after the mark"}""");
            Line(bytes, """{"id": "2", "channel": "api", "author": "ben", "text": "half a pair \ud800 here"}""");
            Line(bytes, """{"id": "3", "channel": "api", "author": "c\u0000d", "text": "nul \u0000 inside"}""");
            bytes.Write(Encoding.UTF8.GetBytes("""{"id": "4", "channel": "api", "author": "dan", "text": "bad """));
            bytes.Write([0xFF, 0xFE]);
            Line(bytes, """ bytes"}""");
            Line(bytes, """{"id": "5", "channel": "api", "author": "eve", "text": "an emoji 😀 stays"}""");
            await File.WriteAllBytesAsync(file, bytes.ToArray());
        }
        try
        {
            var run = await EarshotProcess.RunAsync("import", file, "--db", database.DbArgument);

            // Exit code 1 says a line was rejected; the import itself ran to the end.
            Assert.True(run.ExitCode == 1, run.Output + run.Error);
            Assert.EndsWith("read 5, stored 4, duplicates 0, rejected 1", run.Output.Trim(), StringComparison.Ordinal);
            Assert.Contains("line 2: 'text' has a \\u escape of half a surrogate pair", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
            await using var db = database.Target.CreateContext();
            var stored = await db.Posts.OrderBy(p => p.ExternalId).Select(p => new { p.ExternalId, p.Text }).ToListAsync();
            Assert.Equal(["1", "3", "4", "5"], stored.Select(p => p.ExternalId));
            Assert.Equal("first, after the mark", stored[0].Text);
            Assert.Equal("nul \uFFFD inside", stored[1].Text);
            Assert.Equal("bad \uFFFD\uFFFD bytes", stored[2].Text);
            Assert.Equal("an emoji 😀 stays", stored[3].Text);
            Assert.True(await db.Authors.AnyAsync(a => a.Handle == "c\uFFFDd"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Api_HalfASurrogatePair_IsRefusedNamingTheItem_AndANulIsStored(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);

        var refused = await app.PostJsonAsync("/api/posts",
            """[{"id": "a", "channel": "api", "author": "ana", "text": "fine"}, {"id": "b", "channel": "api", "author": "ben", "text": "x\udc00y"}]""");
        var accepted = await app.PostJsonAsync("/api/posts", """{"id": "c", "channel": "api", "author": "cy", "text": "nul \u0000 here"}""");

        // The batch keeps its good item and names the bad one.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await TestApp.ReadJsonAsync(refused);
        Assert.True(problem.GetProperty("errors").TryGetProperty("[1].text", out _), problem.ToString());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await using var db = app.Database.Target.CreateContext();
        Assert.Equal("nul \uFFFD here", await db.Posts.Where(p => p.ExternalId == "c").Select(p => p.Text).SingleAsync());
    }

    private static void Line(MemoryStream bytes, string json)
    {
        bytes.Write(Encoding.UTF8.GetBytes(json));
        bytes.WriteByte((byte)'\n');
    }
}
