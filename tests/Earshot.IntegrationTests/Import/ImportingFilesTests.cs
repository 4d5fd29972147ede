using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Import;

/// <summary>`earshot import` run as a real process against each database.</summary>
public sealed class ImportingFilesTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_AirlineCsv_StoresEachTweetOnceAndReimportStoresNothing(DatabaseKind kind)
    {
        var file = SharedData.Require("airline-sentiment/Tweets.csv");
        await using var database = await TestDatabase.CreateAsync(kind, postgres);

        var first = await EarshotProcess.RunAsync("import", file, "--db", database.DbArgument);
        var second = await EarshotProcess.RunAsync("import", file, "--db", database.DbArgument);

        Assert.Equal(0, first.ExitCode);
        Assert.EndsWith("read 14640, stored 14485, duplicates 155, rejected 0", first.Output.Trim(), StringComparison.Ordinal);
        Assert.EndsWith("read 14640, stored 0, duplicates 14640, rejected 0", second.Output.Trim(), StringComparison.Ordinal);
        await using var db = database.Target.CreateContext();
        Assert.Equal(6, await db.Workspaces.CountAsync());
        var united = await db.Workspaces.SingleAsync(w => w.Name == "United");
        Assert.Equal(3822 - await RepeatedIdsOfAsync("United"), await db.Posts.CountAsync(p => p.WorkspaceId == united.Id));
        // HTML entities are decoded: no stored text still carries "&amp;".
        Assert.False(await db.Posts.AnyAsync(p => p.Text.Contains("&amp;")));
    }

    // The airline file repeats some tweet ids; count United's repeats from the raw rows themselves.
    private static async Task<int> RepeatedIdsOfAsync(string airline)
    {
        var file = SharedData.Require("airline-sentiment/Tweets.csv");
        var ids = new List<string>();
        await foreach (var item in Earshot.Engine.Importers.AirlineCsvReader.ReadAsync(new StreamReader(file), CancellationToken.None))
        {
            if (item.Workspace == airline)
                ids.Add(item.Post!.ExternalId);
        }
        return ids.Count - ids.Distinct(StringComparer.Ordinal).Count();
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_TwcsSample_ThreadsRepliesAndMarksBrandTweets(DatabaseKind kind)
    {
        var file = SharedData.Require("twcs-sample/sample.csv");
        await using var database = await TestDatabase.CreateAsync(kind, postgres);

        var result = await EarshotProcess.RunAsync("import", file, "--db", database.DbArgument, "--workspace", "support");

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("read 93, stored 93, duplicates 0, rejected 0", result.Output.Trim(), StringComparison.Ordinal);
        await using var db = database.Target.CreateContext();
        Assert.Equal(27, await db.Posts.Select(p => p.ThreadExternalId).Distinct().CountAsync());
        Assert.Equal(44, await db.Posts.CountAsync(p => p.IsBrand));
        Assert.Equal(8, await db.Posts.GroupBy(p => p.ThreadExternalId).Select(g => g.Count()).MaxAsync());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_JsonlWithBadLines_ReportsEachLineAndKeepsGoodRows(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        var file = Path.Combine(Path.GetTempPath(), $"earshot-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"id": "1", "channel": "api", "author": "a", "text": "good one", "lang": "en"}""",
            """{"id": "2", "channel": "api", "author": "b"}""",
            "",
            """{"id": "3", "channel": "api", "author": "c", "text": "also good", "created_at": "not a time"}""",
            """{"id": "4", "channel": "api", "author": "d", "text": "good too", "in_reply_to": "1"}""",
            """{"id": "5", "channel": "api", "author": "e", "text": broken""",
        ]);
        try
        {
            var result = await EarshotProcess.RunAsync("import", file, "--db", database.DbArgument);

            Assert.Equal(1, result.ExitCode);
            Assert.EndsWith("read 5, stored 2, duplicates 0, rejected 3", result.Output.Trim(), StringComparison.Ordinal);
            Assert.Contains("line 2: 'text' is required", result.Error, StringComparison.Ordinal);
            Assert.Contains("line 4: 'created_at' must be an ISO 8601 time", result.Error, StringComparison.Ordinal);
            Assert.Contains("line 6: invalid JSON at column", result.Error, StringComparison.Ordinal);
            await using var db = database.Target.CreateContext();
            var reply = await db.Posts.SingleAsync(p => p.ExternalId == "4");
            Assert.Equal("1", reply.ThreadExternalId);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Import_FileNotInTheStatedFormat_StopsAtOnceStoringNothing()
    {
        var file = SharedData.Require("airline-sentiment/Tweets.csv");
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);

        var asTwcs = await EarshotProcess.RunAsync("import", file, "--format", "twcs", "--db", database.DbArgument);
        var asJsonl = await EarshotProcess.RunAsync("import", file, "--format", "jsonl", "--db", database.DbArgument);
        var badFormat = await EarshotProcess.RunAsync("import", file, "--format", "xml", "--db", database.DbArgument);

        Assert.Equal(1, asTwcs.ExitCode);
        Assert.Contains("this is not a Customer Support on Twitter CSV: missing columns 'author_id'", asTwcs.Error, StringComparison.Ordinal);
        Assert.Equal(1, asJsonl.ExitCode);
        Assert.Contains("line 1: this is not a JSONL post file", asJsonl.Error, StringComparison.Ordinal);
        Assert.Equal(2, badFormat.ExitCode);
        await using var db = database.Target.CreateContext();
        Assert.Equal(0, await db.Posts.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Stats_AfterImport_CountsPostsByChannel(DatabaseKind kind)
    {
        var file = SharedData.Require("twcs-sample/sample.csv");
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await EarshotProcess.RunAsync("import", file, "--db", database.DbArgument);

        var stats = await EarshotProcess.RunAsync("stats", "--json", "--db", database.DbArgument);

        Assert.Equal(0, stats.ExitCode);
        var json = JsonDocument.Parse(stats.Output).RootElement;
        Assert.Equal(93, json.GetProperty("posts").GetInt64());
        Assert.Equal(93, json.GetProperty("posts_by_channel").GetProperty("x").GetInt64());
        Assert.Equal(0, json.GetProperty("posts_by_channel").GetProperty("mastodon").GetInt64());
        Assert.Equal(0, json.GetProperty("cases").GetInt64());
        Assert.Equal(0, json.GetProperty("open_cases").GetInt64());
        Assert.Equal(0, json.GetProperty("alerts").GetInt64());
    }

    [Fact]
    public async Task Stats_WhileTheServerIsWriting_ReadsWithoutWaiting()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
                await app.PostJsonAsync("/api/posts", $$"""{"id": "s{{i}}", "channel": "api", "author": "a", "text": "post {{i}}"}""");
        });

        var stats = await EarshotProcess.RunAsync("stats", "--json", "--db", app.Database.DbArgument);
        await writing;
        var after = await EarshotProcess.RunAsync("stats", "--json", "--db", app.Database.DbArgument);

        Assert.Equal(0, stats.ExitCode);
        Assert.InRange(JsonDocument.Parse(stats.Output).RootElement.GetProperty("posts").GetInt64(), 0, 20);
        Assert.Equal(20, JsonDocument.Parse(after.Output).RootElement.GetProperty("posts").GetInt64());
    }

    [Fact]
    public async Task Cli_UsageErrors_Exit2AndHelpWorksOnEveryCommand()
    {
        var unknown = await EarshotProcess.RunAsync("frobnicate");
        Assert.Equal(2, unknown.ExitCode);
        foreach (var command in new[] { "serve", "migrate", "import", "stats" })
        {
            var help = await EarshotProcess.RunAsync(command, "--help");
            Assert.Equal(0, help.ExitCode);
            Assert.Contains("--db", help.Output, StringComparison.Ordinal);
        }
    }
}
