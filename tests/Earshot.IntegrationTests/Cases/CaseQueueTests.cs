using System.Net;
using System.Text.Json;
using Earshot.Engine.Cases;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Cases;

public sealed class CaseQueueTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Identical_complaints_come_out_in_arrival_order_whatever_the_follower_count(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var start = DateTime.UtcNow.AddMinutes(-10);
        await PostAsync(app, "1", "small_voice", Complaint, start, followers: 250);
        await PostAsync(app, "2", "loud_voice", Complaint, start.AddSeconds(30), followers: 25_000);
        await PostAsync(app, "3", "fan", "Love the new app, great job", start.AddSeconds(40), followers: 90_000);
        await PostAsync(app, "4", "AuroraMobile", Complaint, start.AddSeconds(50), brand: true);

        var queue = await WaitForCasesAsync(app.Http, 2);
        await Task.Delay(500); // let the praise and the brand post through the pipeline too

        queue = await WaitForCasesAsync(app.Http, 2);
        Assert.Equal(["small_voice", "loud_voice"], queue.Select(c => c.GetProperty("author_handle").GetString()));
        Assert.Equal(2, queue.Length);
        Assert.True(queue[0].GetProperty("priority").GetDouble() > queue[1].GetProperty("priority").GetDouble());
        var reasons = queue[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("intent: complaint", reasons);
        Assert.Contains(reasons, r => r!.StartsWith("waiting 10 min", StringComparison.Ordinal) || r.StartsWith("waiting 9 min", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_long_wait_lets_a_low_severity_case_overtake_a_newer_outage(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "seed", "someone", "hello");
        await Wait.UntilAsync(async () => (await app.Http.GetAsync("/api/case-policy")).IsSuccessStatusCode, "the default workspace");
        var saved = await SendAsync(app.Http, HttpMethod.Put, "/api/case-policy", new
        {
            policy = new { severity_minutes = new { outage = 60 }, intent_minutes = new { }, sla_warning_boost_minutes = 0 },
        });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());

        var now = DateTime.UtcNow;
        await PostAsync(app, "1", "patient", Complaint, now.AddMinutes(-90));
        await PostAsync(app, "2", "recent", Complaint, now.AddMinutes(-30));
        await PostAsync(app, "3", "urgent", Outage, now);

        var queue = await WaitForCasesAsync(app.Http, 3);
        // 90 minutes of waiting beat a 60-minute head start for the outage; 30 minutes do not.
        Assert.Equal(["patient", "urgent", "recent"], queue.Select(c => c.GetProperty("author_handle").GetString()));
        Assert.Contains("severity: outage", queue[1].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Routing_sends_cases_by_rule_then_topic_owner_then_fallback(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "seed", "someone", "hello");
        await Wait.UntilAsync(async () => (await app.Http.GetAsync("/api/case-policy")).IsSuccessStatusCode, "the default workspace");
        foreach (var team in new[] { "Billing", "Care", "Logistics" })
            Assert.True((await SendAsync(app.Http, HttpMethod.Post, "/api/teams", new { name = team })).IsSuccessStatusCode);
        Assert.True((await SendAsync(app.Http, HttpMethod.Post, "/api/routing-rules", new { name = "money", team = "Billing", severities = new[] { "billing" } })).IsSuccessStatusCode);
        Assert.True((await SendAsync(app.Http, HttpMethod.Post, "/api/topics", new { name = "deliveries", query = "order OR parcel", team = "Logistics" })).IsSuccessStatusCode);
        Assert.True((await SendAsync(app.Http, HttpMethod.Put, "/api/case-policy", new { fallback_team = "Care" })).IsSuccessStatusCode);
        var badRule = await SendAsync(app.Http, HttpMethod.Post, "/api/routing-rules", new { name = "x", team = "Nope", intents = new[] { "rant" } });
        Assert.Equal(HttpStatusCode.BadRequest, badRule.StatusCode);
        var problem = JsonDocument.Parse(await badRule.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(problem.TryGetProperty("team", out _));
        Assert.True(problem.TryGetProperty("intents", out _));

        await PostAsync(app, "1", "payer", "I was charged twice for my bill this month, refund me now");
        await PostAsync(app, "2", "waiter", Complaint);
        await PostAsync(app, "3", "asker", "Is the 5G network available in Leeds yet?");

        var cases = await WaitForCasesAsync(app.Http, 3);
        var byAuthor = cases.ToDictionary(c => c.GetProperty("author_handle").GetString()!);
        Assert.Equal(("Billing", "rule: money"), Team(byAuthor["payer"]));
        Assert.Equal(("Logistics", "topic owner"), Team(byAuthor["waiter"]));
        Assert.Equal(("Care", "fallback"), Team(byAuthor["asker"]));

        static (string?, string?) Team(JsonElement c) => (c.GetProperty("team").GetString(), c.GetProperty("routed_by").GetString());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Two_agents_asking_for_the_next_case_at_once_get_different_cases(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "1", "one", Complaint, DateTime.UtcNow.AddMinutes(-5));
        await PostAsync(app, "2", "two", Complaint, DateTime.UtcNow.AddMinutes(-4));
        await PostAsync(app, "3", "three", Complaint, DateTime.UtcNow.AddMinutes(-3));
        await WaitForCasesAsync(app.Http, 3);
        var ana = await app.ClientForAsync("ana@brand.test", "agent", "default");
        var ben = await app.ClientForAsync("ben@brand.test", "agent", "default");

        var answers = await Task.WhenAll(ana.PostAsync("/api/cases/next", null), ben.PostAsync("/api/cases/next", null));
        var taken = new List<string>();
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            taken.Add(JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("author_handle").GetString()!);
        }
        Assert.Equal(["one", "two"], taken.Order());
        // Asking again hands back the case already held, not a new one: finish it first.
        var again = JsonDocument.Parse(await (await ana.PostAsync("/api/cases/next", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(again.GetProperty("author_handle").GetString(), taken);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Next_case_waits_for_room_in_an_agents_capacity_and_says_when_nothing_is_left(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "1", "one", Complaint, DateTime.UtcNow.AddMinutes(-5));
        await PostAsync(app, "2", "two", Complaint, DateTime.UtcNow.AddMinutes(-4));
        await WaitForCasesAsync(app.Http, 2);
        var ana = await app.ClientForAsync("ana@brand.test", "agent", "default");
        Assert.True((await SendAsync(ana, HttpMethod.Post, "/api/me/availability", new { capacity = 1 })).IsSuccessStatusCode);

        var first = JsonDocument.Parse(await (await ana.PostAsync("/api/cases/next", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("one", first.GetProperty("author_handle").GetString());
        // Waiting on the customer fills her one slot: no second case until it is resolved.
        var replied = await SendAsync(ana, HttpMethod.Post, $"/api/cases/{first.GetProperty("id").GetGuid()}/replies", new { text = "Which plan are you on?" });
        Assert.True(replied.IsSuccessStatusCode, await replied.Content.ReadAsStringAsync());
        var full = await ana.PostAsync("/api/cases/next", null);
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Contains("capacity", await full.Content.ReadAsStringAsync());

        Assert.True((await SendAsync(ana, HttpMethod.Post, "/api/me/availability", new { capacity = 5 })).IsSuccessStatusCode);
        var second = JsonDocument.Parse(await (await ana.PostAsync("/api/cases/next", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("two", second.GetProperty("author_handle").GetString());
        var resolved = await SendAsync(ana, HttpMethod.Post, $"/api/cases/{second.GetProperty("id").GetGuid()}/status", new { status = "resolved" });
        Assert.True(resolved.IsSuccessStatusCode, await resolved.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await ana.PostAsync("/api/cases/next", null)).StatusCode);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_missed_first_response_is_counted_as_one_breach_and_announced(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var bus = app.Services.GetRequiredService<Earshot.Engine.Pipeline.EventBus>();
        using var listening = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var breached = new TaskCompletionSource<Guid>();
        _ = Task.Run(async () =>
        {
            await foreach (var e in bus.SubscribeAsync(listening.Token))
                if (e.Type == "case.breached")
                    breached.TrySetResult(e.SubjectId);
        });
        await PostAsync(app, "late", "waiting_customer", Complaint, DateTime.UtcNow.AddHours(-2));
        var cases = await WaitForCasesAsync(app.Http, 1);
        var watcher = app.Services.GetRequiredService<SlaWatcher>();
        await watcher.CheckAsync(CancellationToken.None);
        await watcher.CheckAsync(CancellationToken.None);

        var id = cases[0].GetProperty("id").GetGuid();
        Assert.Equal(id, await breached.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        var detail = await GetAsync(app.Http, $"/api/cases/{id}");
        Assert.Equal(1, detail.GetProperty("case").GetProperty("breaches").GetInt32());
        var breach = Assert.Single(detail.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "sla_breached");
        Assert.Equal("first_response", breach.GetProperty("data").GetProperty("target").GetString());
        Assert.Contains(detail.GetProperty("case").GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("SLA breached", StringComparison.Ordinal));
    }
}
