using System.Net;
using Earshot.Engine.Alerts.Delivery;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Alerts;

public sealed class AlertOperationsTests(PostgresServer postgres)
{
    private static async Task<Guid> OpenAlertAsync(TestApp app, string? webhookUrl, string burstText = "")
    {
        var topic = await app.PostJsonAsync("/api/topics", """{"name": "Aurora", "query": "aurora", "team": "care"}""");
        Assert.Equal(HttpStatusCode.Created, topic.StatusCode);
        if (webhookUrl is not null)
        {
            var added = await app.Services.GetRequiredService<WebhookRegistry>()
                .AddAsync(null, webhookUrl, AlertTestSetup.Secret, "alert.opened", null, null, TestContext.Current.CancellationToken);
            Assert.NotNull(added.Webhook);
        }
        var now = DateTime.UtcNow;
        await app.PostJsonAsync("/api/posts", AlertTestSetup.Baseline(now));
        await AlertTestSetup.WaitUntilPublishedAsync(app, 255);
        await app.PostJsonAsync("/api/posts", AlertTestSetup.Burst(now, 150).Replace("I hate this", burstText + " I hate this", StringComparison.Ordinal));
        Guid id = default;
        await Wait.UntilAsync(async () =>
        {
            var open = await app.GetJsonAsync("/api/alerts?status=open");
            var volume = open.EnumerateArray().FirstOrDefault(a => a.GetProperty("kind").GetString() == "volume-spike");
            if (volume.ValueKind == System.Text.Json.JsonValueKind.Undefined)
                return false;
            id = volume.GetProperty("id").GetGuid();
            return true;
        }, "a volume spike alert opened");
        return id;
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task WebhookFailingEveryAttempt_BecomesADeadLetter_ShownAndRetried(DatabaseKind kind)
    {
        // MaxAttempts is 4 in the test settings: four 500s make a dead letter.
        await using var receiver = await WebhookReceiver.StartAsync(failures: 0);
        receiver.Down = true;
        await using var app = await TestApp.StartAsync(kind, postgres, services => AlertTestSetup.Configure(services));
        await OpenAlertAsync(app, receiver.Url, "<b>bold</b>");

        System.Text.Json.JsonElement dead = default;
        await Wait.UntilAsync(async () =>
        {
            dead = await app.GetJsonAsync("/api/webhooks/deliveries?status=dead");
            return dead.GetArrayLength() > 0;
        }, "a delivery was dead-lettered");
        var letter = dead.EnumerateArray().First();
        Assert.Equal(4, letter.GetProperty("attempts").GetInt32());
        Assert.StartsWith("HTTP 500", letter.GetProperty("last_error").GetString());
        var page = await (await app.PagesAsync()).GetStringAsync("/alerts");
        Assert.Contains("Failed deliveries (", page);
        Assert.Contains("HTTP 500", page);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", page);
        Assert.DoesNotContain("<b>bold</b>", page);

        receiver.Down = false;
        var retry = await app.Http.PostAsync($"/api/webhooks/deliveries/{letter.GetProperty("id").GetGuid()}/retry", null);
        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);

        await Wait.UntilAsync(() => Task.FromResult(receiver.Requests.Any(r => r.Answered == 200)), "the retried delivery was accepted");
        var again = await app.Http.PostAsync($"/api/webhooks/deliveries/{letter.GetProperty("id").GetGuid()}/retry", null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task PeopleActingOnAnAlert_AreRecorded_AndMistakesAreProblems(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres, services => AlertTestSetup.Configure(services));
        var id = await OpenAlertAsync(app, null);

        Assert.Equal(HttpStatusCode.NoContent, (await app.Http.PostAsync($"/api/alerts/{id}/acknowledge", null)).StatusCode);
        var badSnooze = await app.PostJsonAsync($"/api/alerts/{id}/snooze", """{"minutes": 0}""");
        Assert.Equal(HttpStatusCode.BadRequest, badSnooze.StatusCode);
        Assert.Equal("application/problem+json", badSnooze.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.PostJsonAsync($"/api/alerts/{id}/snooze", "{not json")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.PostJsonAsync($"/api/alerts/{id}/snooze", """{"minutes": 30}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Http.PostAsync($"/api/alerts/{id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await app.Http.PostAsync($"/api/alerts/{id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync($"/api/alerts/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Http.GetAsync("/api/alerts?status=bogus")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Http.GetAsync("/api/webhooks/deliveries?status=bogus")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.PostJsonAsync("/api/webhooks", """{"url": "ftp://x", "secret": "short"}""")).StatusCode);

        var detail = await app.GetJsonAsync($"/api/alerts/{id}");
        Assert.Equal("closed", detail.GetProperty("alert").GetProperty("status").GetString());
        Assert.NotNull(detail.GetProperty("alert").GetProperty("acknowledged_at").GetString());
        var types = detail.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal("alert.opened", types[0]);
        Assert.Contains("alert.acknowledged", types);
        Assert.Contains("alert.snoozed", types);
        Assert.Equal("alert.closed", types[^1]);
        // Closed by hand stays closed while the detector still sees the spike.
        await Task.Delay(1_000, TestContext.Current.CancellationToken);
        var open = await app.GetJsonAsync("/api/alerts?status=open");
        Assert.DoesNotContain(open.EnumerateArray(), a => a.GetProperty("kind").GetString() == "volume-spike");
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AnAlert_OpensOneIncidentCase_InTheOwningTeamsQueue(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres, services => AlertTestSetup.Configure(services));
        var id = await OpenAlertAsync(app, null, "<i>refund</i>");
        var outsider = await app.ClientForAsync("outsider@example.com", "lead", "elsewhere");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/alerts/{id}/incident", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/alerts/{id}/acknowledge", null)).StatusCode);
        var badSeverity = await app.PostJsonAsync($"/api/alerts/{id}/incident", """{"severity": "apocalypse"}""");
        Assert.Equal(HttpStatusCode.BadRequest, badSeverity.StatusCode);
        Assert.Contains("severity", await badSeverity.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.PostAsync($"/api/alerts/{Guid.NewGuid()}/incident", null)).StatusCode);

        // Two people at once: one case, and both are told where it is.
        var both = await Task.WhenAll(
            app.PostJsonAsync($"/api/alerts/{id}/incident", """{"severity": "outage"}"""),
            app.PostJsonAsync($"/api/alerts/{id}/incident", """{"severity": "outage"}"""));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], both.Select(r => r.StatusCode).Order().ToArray());
        var caseIds = new List<Guid>();
        foreach (var response in both)
            caseIds.Add((await TestApp.ReadJsonAsync(response)).GetProperty("case_id").GetGuid());
        Assert.Single(caseIds.Distinct());
        var caseId = caseIds[0];

        var incident = (await app.GetJsonAsync($"/api/cases/{caseId}")).GetProperty("case");
        Assert.StartsWith("Incident: volume spike on Aurora", incident.GetProperty("subject").GetString());
        Assert.Equal("care", incident.GetProperty("team").GetString());
        Assert.Contains("outage", incident.GetProperty("severity").EnumerateArray().Select(e => e.GetString()));
        var alert = await app.GetJsonAsync($"/api/alerts/{id}");
        Assert.Equal(caseId, alert.GetProperty("alert").GetProperty("incident_case_id").GetGuid());
        Assert.Contains("alert.incident_opened", alert.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        var queue = await app.GetJsonAsync("/api/cases?status=open&limit=500");
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == caseId);

        var casePage = await (await app.PagesAsync()).GetStringAsync($"/cases/{caseId}");
        Assert.Contains($"/alerts#alert-{id}", casePage);
        Assert.Contains("&lt;i&gt;refund&lt;/i&gt;", casePage); // the example posts are in the note, encoded
        Assert.DoesNotContain("<i>refund</i>", casePage);
        Assert.Contains($"href=\"/cases/{caseId}\"", await (await app.PagesAsync()).GetStringAsync("/alerts"));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task StoredHistory_AfterARestart_IsTheBaseline(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        var now = DateTime.UtcNow;
        await using (var first = await TestApp.StartAsyncOver(database, configure: services => AlertTestSetup.Configure(services), ownsDatabase: false))
        {
            await first.PostJsonAsync("/api/topics", """{"name": "Aurora", "query": "aurora"}""");
            await first.PostJsonAsync("/api/posts", AlertTestSetup.Baseline(now));
            await AlertTestSetup.WaitUntilPublishedAsync(first, 255);
        }

        await using var second = await TestApp.StartAsyncOver(database, configure: services => AlertTestSetup.Configure(services), ownsDatabase: false);
        await second.PostJsonAsync("/api/posts", AlertTestSetup.Burst(now, 150));

        await Wait.UntilAsync(async () => (await second.GetJsonAsync("/api/alerts?status=open")).EnumerateArray()
            .Any(a => a.GetProperty("kind").GetString() == "volume-spike"), "the restarted server alerted on the burst");
    }
}
