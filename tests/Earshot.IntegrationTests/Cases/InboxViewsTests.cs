using System.Net;
using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Cases;

/// <summary>The inbox's views through the API: every case reachable by cursor with the right total, and counts that match the lists.</summary>
public sealed class InboxViewsTests(PostgresServer postgres)
{
    private const int Cases = 7;

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Paging_FollowingNextCursor_ReachesEveryCaseOnceWithTheTotal(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var start = DateTime.UtcNow.AddMinutes(-30);
        for (var i = 0; i < Cases; i++)
            await PostAsync(app, $"p{i}", $"customer_{i}", Complaint, start.AddMinutes(i));
        var all = await WaitForCasesAsync(app.Http, Cases, query: "&limit=500");
        var resolved = all.Take(3).Select(c => c.GetProperty("id").GetGuid()).ToList();
        var bulk = await SendAsync(app.Http, HttpMethod.Post, "/api/cases/bulk", new { ids = resolved, action = "status", status = "resolved" });
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);

        foreach (var (query, expected) in new[] { ("status=open", Cases - 3), ("status=resolved", 3), ("status=all", Cases), ("status=open&view=unassigned", Cases - 3), ("view=resolved", 3) })
        {
            var (ids, totals) = await WalkAsync(app.Http, query, pageSize: 2);
            Assert.Equal(expected, ids.Count);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.All(totals, total => Assert.Equal(expected, total));
        }
        var (resolvedIds, _) = await WalkAsync(app.Http, "status=resolved", pageSize: 2);
        Assert.Equal(resolved.Order(), resolvedIds.Order());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Counts_OfEveryView_EqualTheTotalsOfTheirLists(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "seed", "someone", "hello");
        await Wait.UntilAsync(async () => (await app.Http.GetAsync("/api/case-policy")).IsSuccessStatusCode, "the default workspace");
        Assert.True((await SendAsync(app.Http, HttpMethod.Post, "/api/teams", new { name = "Care" })).IsSuccessStatusCode);
        Assert.True((await SendAsync(app.Http, HttpMethod.Put, "/api/case-policy", new { fallback_team = "Care" })).IsSuccessStatusCode);
        var start = DateTime.UtcNow.AddMinutes(-20);
        for (var i = 0; i < 5; i++)
            await PostAsync(app, $"c{i}", $"counted_{i}", Complaint, start.AddMinutes(i));
        var cases = await WaitForCasesAsync(app.Http, 5);
        var ids = cases.Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.True((await SendAsync(app.Http, HttpMethod.Post, "/api/cases/bulk", new { ids = ids.Take(2), action = "assign", assignee = "me" })).IsSuccessStatusCode);
        Assert.True((await SendAsync(app.Http, HttpMethod.Post, "/api/cases/bulk", new { ids = ids.Skip(1).Take(2), action = "tag", tags = new[] { "Outage" } })).IsSuccessStatusCode);
        Assert.True((await SendAsync(app.Http, HttpMethod.Post, "/api/cases/bulk", new { ids = ids.Skip(4), action = "status", status = "pending_customer" })).IsSuccessStatusCode);

        var counts = await GetAsync(app.Http, "/api/cases/counts");
        Assert.Equal(4, counts.GetProperty("open").GetInt32());
        Assert.Equal(2, counts.GetProperty("mine").GetInt32());
        Assert.Equal(2, counts.GetProperty("unassigned").GetInt32());
        Assert.Equal(1, counts.GetProperty("pending_customer").GetInt32());
        var views = new List<(string View, int Count)>
        {
            ("open", counts.GetProperty("open").GetInt32()), ("pending_customer", counts.GetProperty("pending_customer").GetInt32()),
            ("resolved", counts.GetProperty("resolved").GetInt32()), ("mine", counts.GetProperty("mine").GetInt32()),
            ("unassigned", counts.GetProperty("unassigned").GetInt32()), ("at_risk", counts.GetProperty("at_risk").GetInt32()),
            ("breached", counts.GetProperty("breached").GetInt32()),
        };
        foreach (var group in new[] { "teams", "channels", "tags" })
            views.AddRange(counts.GetProperty(group).EnumerateArray().Select(v => (v.GetProperty("view").GetString()!, v.GetProperty("count").GetInt32())));
        Assert.Contains(("tag:outage", 2), views);
        Assert.Contains(views, v => v.View.StartsWith("team:", StringComparison.Ordinal) && v.Count == 4);
        foreach (var (view, count) in views)
        {
            var list = await GetAsync(app.Http, "/api/cases?limit=500&view=" + Uri.EscapeDataString(view));
            Assert.True(count == list.GetProperty("total").GetInt32(), $"view {view}: count {count}, list total {list.GetProperty("total").GetInt32()}");
            Assert.Equal(count, list.GetProperty("items").GetArrayLength());
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Listing_WithAMalformedViewOrCursor_NamesTheField(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        foreach (var (query, field) in new[] { ("view=bogus", "view"), ("view=team:" + Guid.NewGuid(), "view"), ("cursor=nonsense", "cursor"), ("status=resolved&view=open", "view"), ("limit=0", "limit") })
        {
            var response = await app.Http.GetAsync("/api/cases?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _), query);
        }
    }

    /// <summary>Follows next_cursor from the first page to the end; returns every id seen and each page's total.</summary>
    internal static async Task<(List<Guid> Ids, List<int> Totals)> WalkAsync(HttpClient http, string query, int pageSize)
    {
        var ids = new List<Guid>();
        var totals = new List<int>();
        string? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await GetAsync(http, $"/api/cases?{query}&limit={pageSize}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            totals.Add(page.GetProperty("total").GetInt32());
            if (page.GetProperty("next_cursor").ValueKind == JsonValueKind.Null)
                return (ids, totals);
            cursor = page.GetProperty("next_cursor").GetString();
        }
        Assert.Fail("the cursor never reached the end");
        return (ids, totals);
    }
}
