using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Earshot.Core.Alerts;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Alerts;

/// <summary>
/// Alerts where a lead looks: the count in the navigation of every page (alerts that opened before they signed in
/// included, another brand's not), acknowledged ones set apart, and an incident case that reads as one.
/// </summary>
public sealed class AlertsWhereLeadsLookTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task NavCount_AlertsOpenedBeforeSignIn_AreCountedOnFirstLoad_AndAcknowledgingSetsOneApart(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.EnsureWorkspaceAsync("other");
        var lead = await app.ClientForAsync("lee@brand.test", "lead", "default");
        var first = await AddOpenAlertAsync(app, "default");
        await AddOpenAlertAsync(app, "default");
        await AddOpenAlertAsync(app, "other");
        await AddOpenAlertAsync(app, "default", closed: true);

        var pages = await app.PagesAsync("lee@brand.test", "password-lead");
        foreach (var path in new[] { "/mentions", "/inbox", "/alerts" })
        {
            var count = NavCount(await pages.GetStringAsync(path));
            Assert.Equal(("2", "need attention", null), count);
        }

        Assert.True((await lead.PostAsync($"/api/alerts/{first}/acknowledge", null)).IsSuccessStatusCode);
        Assert.Equal(("1", "need attention", ", 1 acknowledged"), NavCount(await pages.GetStringAsync("/mentions")));
        var counts = await lead.GetFromJsonAsync<JsonElement>("/api/alerts/counts");
        Assert.Equal((2, 1, 1), (counts.GetProperty("open").GetInt32(), counts.GetProperty("acknowledged").GetInt32(), counts.GetProperty("needs_attention").GetInt32()));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task NavCount_NoOpenAlert_IsHidden(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await AddOpenAlertAsync(app, "default", closed: true);

        var html = await (await app.PagesAsync()).GetStringAsync("/mentions");

        Assert.Matches("<span id=\"alert-count\"[^>]* hidden=\"hidden\"", html);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task IncidentCase_HasNoSla_NoReplyBox_AndLinksToItsAlert(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var alert = await AddOpenAlertAsync(app, "default");

        var opened = await app.Http.PostAsync($"/api/alerts/{alert}/incident", null);
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        var caseId = (await TestApp.ReadJsonAsync(opened)).GetProperty("case_id").GetGuid();

        var detail = (await app.GetJsonAsync($"/api/cases/{caseId}")).GetProperty("case");
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("due_at").ValueKind);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<EarshotDbContext>>().CreateDbContextAsync())
        {
            var stored = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId);
            Assert.Null(stored.FirstResponseDueAt);
            Assert.Null(stored.ResolutionDueAt);
            Assert.True(stored.Queued);
        }

        var page = await (await app.PagesAsync()).GetStringAsync($"/cases/{caseId}");
        Assert.Contains("id=\"incident-badge\">Incident<", page);
        Assert.Contains($"href=\"/alerts#alert-{alert}\"", page);
        Assert.DoesNotContain("Reply to @earshot-alerts", page);
        Assert.DoesNotContain("id=\"reply-text\"", page);
        Assert.DoesNotContain("SLA in", page);
        Assert.Contains("id=\"status-select\"", page);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task CustomerCase_WrittenDuringAnAlertOnItsTopic_LinksToTheAlertAndItsIncidentCase(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var topic = (await TestApp.ReadJsonAsync(await app.PostJsonAsync("/api/topics", """{"name": "Aurora", "query": "aurora"}"""))).GetProperty("topic").GetProperty("id").GetGuid();
        await Cases.CasePosts.PostAsync(app, "c-1", "dana_k", "aurora is down again, total outage, this is terrible");
        var caseId = (await Cases.CasePosts.WaitForCasesAsync(app.Http, 1))[0].GetProperty("id").GetGuid();
        var during = await AddOpenAlertAsync(app, "default", topicId: topic);
        var earlier = await AddOpenAlertAsync(app, "default", closed: true, topicId: topic, startedAt: DateTime.UtcNow.AddDays(-3));
        var pages = await app.PagesAsync();

        var page = await pages.GetStringAsync($"/cases/{caseId}");
        Assert.Contains($"Written during an alert: <a href=\"/alerts#alert-{during}\">volume spike on Aurora</a>.", page);
        Assert.DoesNotContain(earlier.ToString(), page);

        var incident = (await TestApp.ReadJsonAsync(await app.Http.PostAsync($"/api/alerts/{during}/incident", null))).GetProperty("case_id").GetGuid();
        page = await pages.GetStringAsync($"/cases/{caseId}");
        Assert.Contains($"<a href=\"/cases/{incident}\">its incident case</a>", page);
    }

    /// <summary>An open alert (or a closed one) on no topic in the named workspace, as the detector would have stored it.</summary>
    private static async Task<Guid> AddOpenAlertAsync(TestApp app, string workspace, bool closed = false, Guid? topicId = null, DateTime? startedAt = null)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<EarshotDbContext>>().CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var started = startedAt ?? now.AddMinutes(-10);
        var alert = new Alert
        {
            WorkspaceId = await db.Workspaces.Where(w => w.Name == workspace).Select(w => w.Id).SingleAsync(),
            TopicId = topicId, Kind = "volume-spike", Status = closed ? AlertStatus.Closed : AlertStatus.Open, StartedAt = started, UpdatedAt = now, Count = 40,
            ClosedAt = closed ? started.AddHours(1) : null,
        };
        db.Alerts.Add(alert);
        await db.SaveChangesAsync();
        return alert.Id;
    }

    /// <summary>The navigation's alert count: the number, its words, and the acknowledged part if shown.</summary>
    private static (string Number, string Words, string? Acknowledged) NavCount(string html)
    {
        var count = Regex.Match(html, "<span id=\"alert-count\"[^>]*>(.*?)</span>\\s*</a>", RegexOptions.Singleline).Groups[1].Value;
        var acknowledged = Regex.Match(count, "class=\"nav-count-acknowledged\">([^<]+)<");
        return (Regex.Match(count, "class=\"nav-count-number\">([^<]+)<").Groups[1].Value,
                Regex.Match(count, "class=\"nav-count-words\">([^<]+)<").Groups[1].Value,
                acknowledged.Success ? acknowledged.Groups[1].Value : null);
    }
}
