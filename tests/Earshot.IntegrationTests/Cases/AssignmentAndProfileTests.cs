using System.Net;
using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Cases;

public sealed class AssignmentAndProfileTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_round_robin_team_shares_new_cases_among_available_agents_within_capacity(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "seed", "someone", "hello");
        await Wait.UntilAsync(async () => (await app.Http.GetAsync("/api/case-policy")).IsSuccessStatusCode, "the default workspace");
        var team = JsonDocument.Parse(await (await SendAsync(app.Http, HttpMethod.Post, "/api/teams", new { name = "Care", assignment = "round_robin" })).Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.True((await SendAsync(app.Http, HttpMethod.Put, "/api/case-policy", new { fallback_team = "Care" })).IsSuccessStatusCode);
        var ana = await app.ClientForAsync("ana@brand.test", "agent", "default");
        var ben = await app.ClientForAsync("ben@brand.test", "agent", "default");
        var cy = await app.ClientForAsync("cy@brand.test", "agent", "default");
        foreach (var email in new[] { "ana@brand.test", "ben@brand.test", "cy@brand.test" })
            Assert.True((await SendAsync(app.Http, HttpMethod.Post, $"/api/teams/{team}/members", new { email })).IsSuccessStatusCode);
        Assert.True((await SendAsync(cy, HttpMethod.Post, "/api/me/availability", new { available = false })).IsSuccessStatusCode);
        Assert.True((await SendAsync(ben, HttpMethod.Post, "/api/me/availability", new { capacity = 1 })).IsSuccessStatusCode);

        for (var i = 0; i < 4; i++)
        {
            await PostAsync(app, $"rr-{i}", $"customer{i}", Complaint, DateTime.UtcNow.AddMinutes(i - 10));
            await WaitForCasesAsync(app.Http, i + 1);
        }

        var cases = await WaitForCasesAsync(app.Http, 4);
        var assignees = cases.OrderBy(c => c.GetProperty("opened_at").GetDateTime()).Select(c => c.GetProperty("assignee").GetString()).ToList();
        // Cy is away; Ben holds one case at most; Ana takes the rest.
        Assert.DoesNotContain("Cy", assignees);
        Assert.Equal(1, assignees.Count(a => a == "Ben"));
        Assert.Equal(3, assignees.Count(a => a == "Ana"));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_case_saved_early_for_an_assignment_in_its_batch_keeps_what_later_posts_of_the_batch_add(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "seed", "someone", "hello");
        await Wait.UntilAsync(async () => (await app.Http.GetAsync("/api/case-policy")).IsSuccessStatusCode, "the default workspace");
        var team = JsonDocument.Parse(await (await SendAsync(app.Http, HttpMethod.Post, "/api/teams", new { name = "Refunds", assignment = "round_robin" })).Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var topic = await SendAsync(app.Http, HttpMethod.Post, "/api/topics", new { name = "refunds", query = "refund", team = "Refunds" });
        Assert.True(topic.IsSuccessStatusCode, await topic.Content.ReadAsStringAsync());
        await app.ClientForAsync("ana@brand.test", "agent", "default");
        Assert.True((await SendAsync(app.Http, HttpMethod.Post, $"/api/teams/{team}/members", new { email = "ana@brand.test" })).IsSuccessStatusCode);

        // One request, so one pipeline batch: Mia's case (no team) is opened, Leo's refund case is assigned (which
        // saves the batch so far), then Mia writes again about an outage, which must reach her case.
        var t0 = DateTime.UtcNow.AddMinutes(-10);
        var posts = new[]
        {
            new { id = "mix-1", channel = "api", author = "mia", text = Complaint, created_at = t0.ToString("O") },
            new { id = "mix-2", channel = "api", author = "leo", text = "I want a refund, the order arrived broken and nobody answers", created_at = t0.AddMinutes(1).ToString("O") },
            new { id = "mix-3", channel = "api", author = "mia", text = Outage, created_at = t0.AddMinutes(2).ToString("O") },
        };
        var response = await app.PostJsonAsync("/api/posts", JsonSerializer.Serialize(posts));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        // The batch's end saves the assignment and Mia's second post; the case list shows both once it has.
        await Wait.UntilAsync(async () =>
        {
            var cases = await WaitForCasesAsync(app.Http, 2);
            var leo = cases.Single(c => c.GetProperty("author_handle").GetString() == "leo");
            var mia = cases.Single(c => c.GetProperty("author_handle").GetString() == "mia");
            return leo.GetProperty("assignee").GetString() == "Ana" && mia.GetProperty("severity").EnumerateArray().Any(s => s.GetString() == "outage");
        }, "Leo's case assigned to Ana, and Mia's case carrying the outage of her second post");
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Linked_identities_show_the_customers_history_and_waiting_on_the_customer_stops_the_clock(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "x-1", "dana_x", Complaint, DateTime.UtcNow.AddHours(-3), channel: "x");
        await PostAsync(app, "m-1", "dana@social.example", Question, DateTime.UtcNow.AddMinutes(-5), channel: "mastodon");
        var cases = await WaitForCasesAsync(app.Http, 2);
        var emailCase = cases.Single(c => c.GetProperty("channel").GetString() == "mastodon").GetProperty("id").GetGuid();
        var before = await GetAsync(app.Http, $"/api/cases/{emailCase}");
        Assert.Single(before.GetProperty("profile").GetProperty("identities").EnumerateArray());

        var xCase = cases.Single(c => c.GetProperty("channel").GetString() == "x").GetProperty("id").GetGuid();
        var authors = new[] { before, await GetAsync(app.Http, $"/api/cases/{xCase}") }
            .Select(d => d.GetProperty("profile").GetProperty("identities")[0].GetProperty("author_id").GetGuid()).ToArray();
        var linked = await SendAsync(app.Http, HttpMethod.Post, "/api/customers/link", new { author_ids = authors });
        Assert.True(linked.IsSuccessStatusCode, await linked.Content.ReadAsStringAsync());
        var bad = await SendAsync(app.Http, HttpMethod.Post, "/api/customers/link", new { author_ids = new[] { authors[0] } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var after = await GetAsync(app.Http, $"/api/cases/{emailCase}");
        Assert.Equal(2, after.GetProperty("profile").GetProperty("identities").GetArrayLength());
        Assert.Single(after.GetProperty("profile").GetProperty("cases").EnumerateArray());

        var due = after.GetProperty("case").GetProperty("due_at").GetDateTime();
        Assert.True((await SendAsync(app.Http, HttpMethod.Post, $"/api/cases/{emailCase}/replies", new { text = "Which plan are you on?" })).IsSuccessStatusCode);
        var pending = await GetAsync(app.Http, $"/api/cases/{emailCase}");
        Assert.Equal("pending_customer", pending.GetProperty("case").GetProperty("status").GetString());
        Assert.DoesNotContain(await WaitForCasesAsync(app.Http, 1), c => c.GetProperty("id").GetGuid() == emailCase);

        await Task.Delay(1500);
        await PostAsync(app, "m-2", "dana@social.example", "The family plan, and it still does not work", DateTime.UtcNow, inReplyTo: "m-1", channel: "mastodon");
        await Wait.UntilAsync(async () => (await GetAsync(app.Http, $"/api/cases/{emailCase}")).GetProperty("case").GetProperty("status").GetString() == "open", "the case back in the queue");
        var resumed = await GetAsync(app.Http, $"/api/cases/{emailCase}");
        Assert.Contains(resumed.GetProperty("case").GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("waiting", StringComparison.Ordinal));
        Assert.NotEqual(due, resumed.GetProperty("case").GetProperty("due_at").GetDateTime());
    }
}
