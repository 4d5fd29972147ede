using System.Net;
using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;

namespace Earshot.IntegrationTests.Topics;

public sealed class ListeningTopicsTests(PostgresServer postgres)
{
    private const string Posts = """
        [{"id": "1", "channel": "x", "author": "ann", "text": "Still waiting for my refund from @AuroraMobile", "created_at": "2026-11-20T10:00:00Z"},
         {"id": "2", "channel": "x", "author": "bob", "text": "The football club Aurora won again", "created_at": "2026-11-20T11:00:00Z"},
         {"id": "3", "channel": "reddit", "author": "cy", "text": "aurora mobile charged me twice, want a refund", "created_at": "2026-11-21T09:00:00Z"}]
        """;

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task RuleTester_CountsPerDayAndHighlightsSamples(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.PostJsonAsync("/api/posts", Posts);

        var response = await app.PostJsonAsync("/api/topics/test",
            """{"query": "refund AND (aurora* OR @AuroraMobile) NOT football", "from": "2026-11-01T00:00:00Z", "to": "2026-12-01T00:00:00Z"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestApp.ReadJsonAsync(response);
        Assert.Equal(2, body.GetProperty("count").GetInt32());
        Assert.Equal(3, body.GetProperty("scanned").GetInt32());
        Assert.Equal(["2026-11-20:1", "2026-11-21:1"],
            body.GetProperty("per_day").EnumerateArray().Select(d => $"{d.GetProperty("day").GetString()}:{d.GetProperty("count").GetInt32()}"));
        var sample = body.GetProperty("samples").EnumerateArray().First(s => s.GetProperty("author").GetString() == "cy");
        var text = sample.GetProperty("text").GetString()!;
        var marked = sample.GetProperty("highlights").EnumerateArray()
            .Select(h => text.Substring(h.GetProperty("start").GetInt32(), h.GetProperty("length").GetInt32())).ToList();
        Assert.Contains("refund", marked);
        Assert.Contains("aurora", marked);
        // What an X channel would stream for it: the OR holding a wildcard cannot be narrowed, so it is left out.
        var xRule = body.GetProperty("x_rule");
        Assert.Equal(("refund -football", "broader"), (xRule.GetProperty("rule").GetString(), xRule.GetProperty("fidelity").GetString()));
        Assert.Equal("broader on X, filtered locally: aurora* left out (X has no wildcards or prefix matching)", xRule.GetProperty("summary").GetString());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task RuleTester_InvalidQuery_Answers400WithColumn(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);

        var response = await app.PostJsonAsync("/api/topics/test", """{"query": "(refund OR bill*"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TestApp.ReadJsonAsync(response);
        Assert.Equal(17, problem.GetProperty("column").GetInt32());
        Assert.Contains("column 17", problem.GetProperty("errors").GetProperty("query")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task SavedTopic_MatchesNewPostsInThePipeline_AndBackfillsStoredOnes(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.PostJsonAsync("/api/posts", Posts);
        // Let the pipeline finish with them first: a post still in flight is matched by the pipeline, not the backfill.
        await Wait.UntilAsync(async () => (await app.GetJsonAsync("/api/posts")).GetProperty("items").EnumerateArray()
            .All(i => i.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Object), "the posts classified");

        var saved = await app.PostJsonAsync("/api/topics",
            """{"name": "Refunds", "query": "refund NOT football", "team": "Billing", "backfill_days": 3650}""");
        await app.PostJsonAsync("/api/posts", """{"id": "4", "channel": "mastodon", "author": "dee", "text": "where is my refund?"}""");

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var topic = (await TestApp.ReadJsonAsync(saved));
        Assert.Equal(2, topic.GetProperty("backfilled").GetInt32());
        Assert.Equal("Billing", topic.GetProperty("topic").GetProperty("team").GetString());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonElement matched;
        do
        {
            matched = await app.GetJsonAsync("/api/posts?topic=Refunds");
            if (matched.GetProperty("items").GetArrayLength() == 3)
                break;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(["1", "3", "4"], matched.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("external_id").GetString()).Order(StringComparer.Ordinal));
        Assert.All(matched.GetProperty("items").EnumerateArray(), i => Assert.Contains("Refunds", i.GetProperty("topics").EnumerateArray().Select(t => t.GetString())));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task SaveTopic_InvalidQuery_Answers400NamingQuery(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);

        var response = await app.PostJsonAsync("/api/topics", """{"name": "Bad", "query": "*"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await TestApp.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("query", out _));
        Assert.Equal(0, (await app.GetJsonAsync("/api/topics")).GetArrayLength());
    }

    [Fact]
    public async Task MatchCommand_WritesTopicNamesPerPost_AndRejectsABadQueryWithItsColumn()
    {
        var directory = Directory.CreateTempSubdirectory("earshot-match-").FullName;
        try
        {
            var topics = Path.Combine(directory, "topics.tsv");
            var input = Path.Combine(directory, "posts.jsonl");
            await File.WriteAllTextAsync(topics, "refunds\trefund*\nbrand\t\"aurora mobile\" OR @AuroraMobile\nmastodon only\tchannel:mastodon\n");
            await File.WriteAllLinesAsync(input,
            [
                """{"id": "a", "channel": "x", "author": "ann", "text": "Refunds please, @AuroraMobile"}""",
                """{"id": "b", "channel": "mastodon", "author": "bo", "text": "nothing to see"}""",
                """{"id": "c", "channel": "x", "author": "cy", "text": "I like Aurora Mobile"}""",
            ]);

            var result = await EarshotProcess.RunAsync("match", "--topics", topics, "--input", input);

            Assert.Equal(0, result.ExitCode);
            var lines = result.Output.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(["a", "b", "c"], lines.Select(l => l.GetProperty("id").GetString()));
            Assert.Equal(["brand", "refunds"], lines[0].GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(["mastodon only"], lines[1].GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(["brand"], lines[2].GetProperty("topics").EnumerateArray().Select(t => t.GetString()));

            await File.WriteAllTextAsync(topics, "ok\trefund\nbroken\trefund AND (bill OR\n");
            var bad = await EarshotProcess.RunAsync("match", "--topics", topics, "--input", input);
            Assert.Equal(1, bad.ExitCode);
            var error = JsonDocument.Parse(bad.Error.Split('\n')[0]).RootElement;
            Assert.Equal("broken", error.GetProperty("topic").GetString());
            Assert.Equal(20, error.GetProperty("column").GetInt32()); // just past the end, where the missing operand belongs
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task TopicsCommands_AddListAndTest()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        var file = Path.Combine(Path.GetTempPath(), $"earshot-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(file, $$"""{"id": "1", "channel": "x", "author": "ann", "text": "my refund never came", "created_at": "{{DateTime.UtcNow.AddDays(-1):yyyy-MM-ddTHH:mm:ssZ}}"}""" + "\n");
        try
        {
            await EarshotProcess.RunAsync("import", file, "--db", database.DbArgument);

            var add = await EarshotProcess.RunAsync("topics", "add", "Refunds", "refund*", "--team", "Billing", "--backfill-days", "7", "--db", database.DbArgument);
            var badAdd = await EarshotProcess.RunAsync("topics", "add", "Bad", "refund NEAR/x bill", "--db", database.DbArgument);
            var list = await EarshotProcess.RunAsync("topics", "list", "--db", database.DbArgument);
            var test = await EarshotProcess.RunAsync("topics", "test", "refund", "--db", database.DbArgument);

            Assert.Equal(0, add.ExitCode);
            Assert.Contains("Backfilled 1 stored post(s)", add.Output, StringComparison.Ordinal);
            Assert.Equal(1, badAdd.ExitCode);
            Assert.Contains("column", badAdd.Error, StringComparison.Ordinal);
            Assert.Contains("Refunds\tother\tBilling\t1 matches\trefund*", list.Output, StringComparison.Ordinal);
            Assert.Contains("1 of 1 posts matched", test.Output, StringComparison.Ordinal);
            Assert.Contains("my [refund] never came", test.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
