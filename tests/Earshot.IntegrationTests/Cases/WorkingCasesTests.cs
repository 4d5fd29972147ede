using System.Net;
using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Cases;

public sealed class WorkingCasesTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_agent_takes_the_next_case_replies_with_a_canned_reply_resolves_and_the_customer_reopens_it(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "c-1", "dana_k", Complaint, DateTime.UtcNow.AddMinutes(-3));
        await WaitForCasesAsync(app.Http, 1);
        var canned = await SendAsync(app.Http, HttpMethod.Post, "/api/canned-replies", new { name = "sorry", body = "Hi {{customer.name}}, sorry about that. {{agent.first_name}}" });
        Assert.True(canned.IsSuccessStatusCode, await canned.Content.ReadAsStringAsync());
        var badCanned = await SendAsync(app.Http, HttpMethod.Post, "/api/canned-replies", new { name = "bad", body = "Hi {{customer.nickname}}" });
        Assert.Contains("customer.nickname", await badCanned.Content.ReadAsStringAsync());
        var agent = await app.ClientForAsync("ana.lopez@brand.test", "agent", "default");

        var next = JsonDocument.Parse(await (await agent.PostAsync("/api/cases/next", null)).Content.ReadAsStringAsync()).RootElement;
        var id = next.GetProperty("id").GetGuid();
        Assert.Equal("Ana lopez", next.GetProperty("assignee").GetString());
        var replies = await GetAsync(agent, $"/api/cases/{id}/canned-replies");
        var rendered = replies.EnumerateArray().Single();
        Assert.Equal("Hi dana_k, sorry about that. Ana", rendered.GetProperty("text").GetString());

        var sent = await SendAsync(agent, HttpMethod.Post, $"/api/cases/{id}/replies",
            new { canned_reply_id = rendered.GetProperty("id").GetGuid(), status = "resolved" });
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        var note = await SendAsync(agent, HttpMethod.Post, $"/api/cases/{id}/notes", new { text = "@admin please check the courier" });
        Assert.Single(JsonDocument.Parse(await note.Content.ReadAsStringAsync()).RootElement.GetProperty("mentions").EnumerateArray());

        var detail = await GetAsync(agent, $"/api/cases/{id}");
        Assert.Equal("resolved", detail.GetProperty("case").GetProperty("status").GetString());
        var conversation = detail.GetProperty("conversation").EnumerateArray().ToList();
        Assert.Equal(["customer", "agent", "note"], conversation.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("recorded", conversation[1].GetProperty("delivery").GetString());
        var kinds = detail.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["opened", "routed"], kinds.Take(2).Order());
        Assert.Equal(["assigned", "reply", "status_changed", "note"], kinds.Skip(2));
        Assert.Empty(await WaitForCasesAsync(app.Http, 0));

        await PostAsync(app, "c-2", "dana_k", "it broke again, still no answer about the replacement", DateTime.UtcNow, inReplyTo: "c-1");
        var reopened = await WaitForCasesAsync(app.Http, 1);
        Assert.Equal(id, reopened[0].GetProperty("id").GetGuid());
        Assert.Equal("open", reopened[0].GetProperty("status").GetString());
        var afterReopen = await GetAsync(agent, $"/api/cases/{id}");
        Assert.Contains(afterReopen.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "reopened");
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_reply_sent_after_another_agent_replied_asks_for_confirmation(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "q-1", "asker", Question);
        var id = (await WaitForCasesAsync(app.Http, 1))[0].GetProperty("id").GetGuid();
        var ana = await app.ClientForAsync("ana@brand.test", "agent", "default");
        var ben = await app.ClientForAsync("ben@brand.test", "agent", "default");

        var seen = (await GetAsync(ana, $"/api/cases/{id}")).GetProperty("last_event_id").GetGuid();
        Assert.True((await SendAsync(ben, HttpMethod.Post, $"/api/cases/{id}/replies", new { text = "Settings > Billing.", status = "open" })).IsSuccessStatusCode);

        var late = await SendAsync(ana, HttpMethod.Post, $"/api/cases/{id}/replies", new { text = "You can change it in Settings.", last_seen_event_id = seen });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var problem = JsonDocument.Parse(await late.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Ben", problem.GetProperty("conflict").GetProperty("replied_by").GetString());

        var confirmed = await SendAsync(ana, HttpMethod.Post, $"/api/cases/{id}/replies", new { text = "You can change it in Settings.", last_seen_event_id = seen, confirm = true });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Cases_merge_and_split_and_bad_requests_name_the_field(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "m-1", "twin", Complaint, DateTime.UtcNow.AddMinutes(-9), channel: "x");
        await PostAsync(app, "m-2", "twin", Question, DateTime.UtcNow.AddMinutes(-8), channel: "mastodon");
        var cases = await WaitForCasesAsync(app.Http, 2);
        var (first, second) = (cases[0].GetProperty("id").GetGuid(), cases[1].GetProperty("id").GetGuid());

        var merged = await SendAsync(app.Http, HttpMethod.Post, $"/api/cases/{second}/merge", new { into = first });
        Assert.True(merged.IsSuccessStatusCode, await merged.Content.ReadAsStringAsync());
        var whole = await GetAsync(app.Http, $"/api/cases/{first}");
        var posts = whole.GetProperty("conversation").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "customer").ToList();
        Assert.Equal(2, posts.Count);
        Assert.Equal("closed", (await GetAsync(app.Http, $"/api/cases/{second}")).GetProperty("case").GetProperty("status").GetString());

        var split = await SendAsync(app.Http, HttpMethod.Post, $"/api/cases/{first}/split", new { post_ids = new[] { posts[1].GetProperty("id").GetGuid() } });
        Assert.True(split.IsSuccessStatusCode, await split.Content.ReadAsStringAsync());
        Assert.Equal(2, (await WaitForCasesAsync(app.Http, 2)).Length);

        var badStatus = await SendAsync(app.Http, HttpMethod.Post, $"/api/cases/{first}/status", new { status = "done" });
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Contains("status", await badStatus.Content.ReadAsStringAsync());
        // The API offers the moves the case page does: a case never goes back to new, a closed one only reopens.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(app.Http, HttpMethod.Post, $"/api/cases/{first}/status", new { status = "open" })).StatusCode);
        var backToNew = await SendAsync(app.Http, HttpMethod.Post, $"/api/cases/{first}/status", new { status = "new" });
        Assert.Equal(HttpStatusCode.Conflict, backToNew.StatusCode);
        Assert.Contains("can move to", await backToNew.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(app.Http, HttpMethod.Post, $"/api/cases/{first}/status", new { status = "closed" })).StatusCode);
        var closedToResolved = await SendAsync(app.Http, HttpMethod.Post, $"/api/cases/{first}/status", new { status = "resolved" });
        Assert.Equal(HttpStatusCode.Conflict, closedToResolved.StatusCode);
        Assert.Contains("closed case can move to open", await closedToResolved.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(app.Http, HttpMethod.Post, $"/api/cases/{first}/status", new { status = "open" })).StatusCode);
        var emptyReply = await SendAsync(app.Http, HttpMethod.Post, $"/api/cases/{first}/replies", new { text = " " });
        Assert.Equal(HttpStatusCode.BadRequest, emptyReply.StatusCode);
        var malformed = await app.PostJsonAsync($"/api/cases/{first}/replies", "{\"text\": ");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync($"/api/cases/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_fairness_report_compares_follower_tiers(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var start = DateTime.UtcNow.AddHours(-5);
        for (var i = 0; i < 6; i++)
        {
            var at = start.AddMinutes(i * 20);
            await PostAsync(app, $"small-{i}", $"small{i}", Complaint, at, followers: 40);
            await PostAsync(app, $"big-{i}", $"big{i}", Complaint, at.AddMinutes(1), followers: 40_000);
        }
        await WaitForCasesAsync(app.Http, 12);
        // The brand answered the big accounts in 5 minutes and the small ones in 20, and left one small one unanswered.
        for (var i = 0; i < 6; i++)
        {
            var at = start.AddMinutes(i * 20);
            await PostAsync(app, $"reply-big-{i}", "AuroraMobile", "Sorry! DM us", at.AddMinutes(6), inReplyTo: $"big-{i}", brand: true);
            if (i < 5)
                await PostAsync(app, $"reply-small-{i}", "AuroraMobile", "Sorry! DM us", at.AddMinutes(20), inReplyTo: $"small-{i}", brand: true);
        }
        await Wait.UntilAsync(async () => (await WaitForCasesAsync(app.Http, 0)).Length == 1, "eleven cases answered");

        var report = await GetAsync(app.Http, "/api/reports/fairness");
        var small = report.GetProperty("tiers").GetProperty("<100");
        var big = report.GetProperty("tiers").GetProperty(">=10k");
        Assert.Equal(6, small.GetProperty("requests").GetInt32());
        Assert.Equal(5, small.GetProperty("answered").GetInt32());
        Assert.Equal(20.0, small.GetProperty("median_minutes").GetDouble());
        Assert.Equal(5.0, big.GetProperty("median_minutes").GetDouble());
        var parity = report.GetProperty("overall");
        Assert.Equal(4.0, parity.GetProperty("response_time_ratio").GetDouble());
        Assert.Equal(0.83, parity.GetProperty("answer_rate_ratio").GetDouble());
        Assert.Equal("<100", parity.GetProperty("slowest_tier").GetString());
        Assert.False(report.GetProperty("reach_factor").GetProperty("enabled_now").GetBoolean());

        var times = await GetAsync(app.Http, "/api/reports/response-times");
        Assert.Equal(12, times.GetProperty("overall").GetProperty("requests").GetInt32());
        Assert.Equal(1, times.GetProperty("waiting").GetProperty("cases").GetInt32());
    }
}
