using System.Net;
using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Posts;

public sealed class PostingPostsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Post_MissingText_Answers400NamingText(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);

        var response = await app.PostJsonAsync("/api/posts", """{"id": "1", "channel": "api", "author": "bob"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await TestApp.ReadJsonAsync(response);
        Assert.Contains("'text' is required", problem.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await app.GetJsonAsync("/api/posts")).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Post_SameExternalIdTwice_StoresOnce(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        const string body = """{"id": "x-1", "channel": "mastodon", "author": "ann", "author_followers": 250, "text": "the driver was lovely", "created_at": "2026-01-05T10:00:00Z", "extra": {"kept": true}}""";

        var first = await TestApp.ReadJsonAsync(await app.PostJsonAsync("/api/posts", body));
        var second = await app.PostJsonAsync("/api/posts", body);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var secondBody = await TestApp.ReadJsonAsync(second);
        Assert.Equal("stored", first.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal("duplicate", secondBody.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("ids")[0].GetGuid(), secondBody.GetProperty("ids")[0].GetGuid());
        var list = await app.GetJsonAsync("/api/posts");
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());
        var post = await app.GetJsonAsync($"/api/posts/{first.GetProperty("ids")[0].GetGuid()}");
        Assert.Equal("the driver was lovely", post.GetProperty("post").GetProperty("text").GetString());
        Assert.Equal(250, post.GetProperty("post").GetProperty("author_followers").GetInt32());
        Assert.Equal("2026-01-05T10:00:00Z", post.GetProperty("post").GetProperty("created_at").GetString());
        Assert.True(post.GetProperty("raw_payload").GetProperty("extra").GetProperty("kept").GetBoolean());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Post_BatchWithBadItems_StoresTheGoodOnes_AndRefusesTheRestByIndexAndField(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var batch = $$"""
            [{"id": "1", "channel": "api", "author": "a", "text": "fine"},
             {"id": "2", "channel": "fax", "author": "b", "text": "bad channel"},
             {"id": "3", "channel": "api", "author": "c", "text": "x", "author_followers": -4},
             {"id": "4", "channel": "api", "text": "no author"},
             {"id": "5", "channel": "api", "author": "e", "text": "half a pair \udc00"},
             {"id": "6", "channel": "api", "author": "f", "text": "a nul \u0000 is kept"},
             {"id": "7", "channel": "api", "author": "g", "text": "{{new string('x', Core.Posts.PostJson.MaxTextLength + 1)}}"},
             {"id": 8, "channel": "api", "author": ["h"], "text": 8},
             "not a post",
             {"id": "10", "channel": "api", "author": "j", "text": "also fine"}]
            """;

        var response = await app.PostJsonAsync("/api/posts", batch);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await TestApp.ReadJsonAsync(response);
        var refused = problem.GetProperty("refused").EnumerateArray().ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("errors"));
        Assert.Equal([1, 2, 3, 4, 6, 7, 8], refused.Keys.Order());
        Assert.Contains("unknown channel 'fax'", refused[1].GetProperty("channel")[0].GetString(), StringComparison.Ordinal);
        Assert.True(refused[2].TryGetProperty("author_followers", out _));
        Assert.Equal("'author' is required", refused[3].GetProperty("author")[0].GetString());
        Assert.Contains("surrogate", refused[4].GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("at most 100000", refused[6].GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(["author", "text"], refused[7].EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("expected a JSON object, found a string", refused[8].GetProperty("item")[0].GetString());
        Assert.Equal("8", problem.GetProperty("refused")[5].GetProperty("id").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("[1].channel", out _));
        var stored = problem.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("external_id").GetString(), r.GetProperty("status").GetString()));
        Assert.Equal([(0, "1", "stored"), (5, "6", "stored"), (9, "10", "stored")], stored);
        await using (var db = app.Database.Target.CreateContext())
            Assert.Equal("a nul \uFFFD is kept", await db.Posts.Where(p => p.ExternalId == "6").Select(p => p.Text).SingleAsync());

        // The client retries the same batch: the good posts are duplicates, the bad ones refused again.
        var retry = await TestApp.ReadJsonAsync(await app.PostJsonAsync("/api/posts", batch));
        Assert.All(retry.GetProperty("results").EnumerateArray(), r => Assert.Equal("duplicate", r.GetProperty("status").GetString()));
        Assert.Equal(3, (await app.GetJsonAsync("/api/posts")).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Post_OneInvalidPostAlone_Answers400NamingTheField(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);

        var response = await app.PostJsonAsync("/api/posts", """{"id": "1", "channel": "fax", "author": "a", "text": "t"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await TestApp.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("channel", out _));
        Assert.Equal(0, (await app.GetJsonAsync("/api/posts")).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Post_MalformedJson_Answers400WithPosition(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);

        var response = await app.PostJsonAsync("/api/posts", "{\"id\": \"1\",\n  \"text\": oops}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TestApp.ReadJsonAsync(response);
        Assert.Equal("body", problem.GetProperty("field").GetString());
        Assert.StartsWith("line 2, column", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Post_EditedText_UpdatesPostAndKeepsHistory(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var first = await TestApp.ReadJsonAsync(await app.PostJsonAsync("/api/posts", """{"id": "e1", "channel": "x", "author": "zed", "text": "the new colour is awful"}"""));

        var edit = await TestApp.ReadJsonAsync(await app.PostJsonAsync("/api/posts", """{"id": "e1", "channel": "x", "author": "zed", "text": "the new colour is growing on me"}"""));

        Assert.Equal("edited", edit.GetProperty("results")[0].GetProperty("status").GetString());
        var post = await app.GetJsonAsync($"/api/posts/{first.GetProperty("ids")[0].GetGuid()}");
        Assert.Equal("the new colour is growing on me", post.GetProperty("post").GetProperty("text").GetString());
        Assert.Equal("the new colour is awful", post.GetProperty("revisions")[0].GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.String, post.GetProperty("post").GetProperty("edited_at").ValueKind);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task GetPost_UnknownId_Answers404Problem(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);

        var response = await app.Http.GetAsync($"/api/posts/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No such post", (await TestApp.ReadJsonAsync(response)).GetProperty("title").GetString());
    }
}
