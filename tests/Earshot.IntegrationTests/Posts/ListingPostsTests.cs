using System.Net;
using System.Text;
using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;

namespace Earshot.IntegrationTests.Posts;

public sealed class ListingPostsTests(PostgresServer postgres)
{
    private static string Batch(int count, string channel = "api", int startMinute = 0)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
                builder.Append(',');
            var minute = startMinute + i;
            builder.Append(System.Globalization.CultureInfo.InvariantCulture,
                $$"""{"id": "{{channel}}-{{i}}", "channel": "{{channel}}", "author": "user{{i % 7}}", "text": "post number {{i}} {{(i % 2 == 0 ? "refund please" : "great service")}}", "created_at": "2026-03-01T{{minute / 60:00}}:{{minute % 60:00}}:00Z"}""");
        }
        return builder.Append(']').ToString();
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task List_CursorPages_CoverEveryPostOnceNewestFirst(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostJsonAsync("/api/posts", Batch(25))).StatusCode);
        // Five more with the same created_at as an earlier post: ties must page correctly too.
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostJsonAsync("/api/posts", Batch(5, "x", startMinute: 10))).StatusCode);

        var seen = new List<(string Created, string Id)>();
        string? cursor = null;
        do
        {
            var page = await app.GetJsonAsync("/api/posts?limit=7" + (cursor is null ? "" : "&cursor=" + cursor));
            foreach (var item in page.GetProperty("items").EnumerateArray())
                seen.Add((item.GetProperty("created_at").GetString()!, item.GetProperty("id").GetString()!));
            cursor = page.GetProperty("next_cursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(30, seen.Count);
        Assert.Equal(30, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(seen.Select(s => s.Created).OrderDescending(StringComparer.Ordinal), seen.Select(s => s.Created));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task List_Filters_ByChannelTextAndTime(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.PostJsonAsync("/api/posts", Batch(10));
        await app.PostJsonAsync("/api/posts", Batch(4, "mastodon"));

        var mastodon = await app.GetJsonAsync("/api/posts?channel=mastodon");
        var refunds = await app.GetJsonAsync("/api/posts?text=REFUND&channel=api");
        var window = await app.GetJsonAsync("/api/posts?channel=api&from=2026-03-01T00:03:00Z&to=2026-03-01T00:06:00Z");
        var noWorkspace = await app.GetJsonAsync("/api/posts?workspace=nobody");

        Assert.Equal(4, mastodon.GetProperty("items").GetArrayLength());
        Assert.All(mastodon.GetProperty("items").EnumerateArray(), i => Assert.Equal("mastodon", i.GetProperty("channel").GetString()));
        Assert.Equal(5, refunds.GetProperty("items").GetArrayLength());
        Assert.Equal(3, window.GetProperty("items").GetArrayLength());
        Assert.Equal(0, noWorkspace.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task List_BadFilters_Answer400NamingEachField(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);

        var response = await app.Http.GetAsync("/api/posts?channel=fax&sentiment=angry&from=yesterday&limit=5000&cursor=zzz");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await TestApp.ReadJsonAsync(response)).GetProperty("errors");
        foreach (var field in new[] { "channel", "sentiment", "from", "limit", "cursor" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Health_And_OpenApi_Answer200(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);

        var health = await app.GetJsonAsync("/healthz");
        var openApi = await app.GetJsonAsync("/openapi/v1.json");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(kind.ToString().ToLowerInvariant(), health.GetProperty("database").GetString());
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/posts", out _));
    }
}
