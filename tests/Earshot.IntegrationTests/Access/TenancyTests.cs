using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.Core.Alerts.Delivery;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Access;

/// <summary>
/// Two brands on one server: everything a lead of one can reach of the other's, through the API and the pages, as
/// a security review found it. Each test answered with the other brand's data before workspace filtering moved into
/// storage.
/// </summary>
public sealed class TenancyTests(PostgresServer postgres)
{
    private const string GlobexSecret = "globex launch plan leaked early";
    private const string GlobexHookUrl = "https://93.184.216.34/globex-hook";
    private const string GlobexWording = "GLOBEX-ONLY canned wording";

    private sealed record TwoBrands(TestApp App, HttpClient AcmeLead, HttpClient GlobexLead, Guid AcmeCase, Guid GlobexTopic, Guid GlobexWebhook,
        Guid GlobexDeadDelivery, Guid GlobexCanned);

    private async Task<TwoBrands> TwoBrandsAsync(DatabaseKind kind)
    {
        var app = await TestApp.StartAsync(kind, postgres);
        var acmeLead = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        var globexLead = await app.ClientForAsync("leo@globex.test", "lead", "globex");
        await PostAsync(app, "a-1", "acme_fan", Complaint, workspace: "acme");
        await PostAsync(app, "g-1", "globex_insider", GlobexSecret + ". " + Complaint, workspace: "globex");
        var acmeCase = (await WaitForCasesAsync(acmeLead, 1))[0].GetProperty("id").GetGuid();

        var topic = await globexLead.PostAsJsonAsync("/api/topics", new { workspace = "globex", name = "GlobexSecretTopic", query = "launch" });
        Assert.True(topic.IsSuccessStatusCode, await topic.Content.ReadAsStringAsync());
        var topicId = (await topic.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("topic").GetProperty("id").GetGuid();
        var hook = await globexLead.PostAsJsonAsync("/api/webhooks", new { workspace = "globex", url = GlobexHookUrl, secret = "globex-signing-secret-0001" });
        Assert.True(hook.IsSuccessStatusCode, await hook.Content.ReadAsStringAsync());
        var hookId = (await hook.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var canned = await globexLead.PostAsJsonAsync("/api/canned-replies", new { workspace = "globex", name = "gx", body = GlobexWording });
        Assert.True(canned.IsSuccessStatusCode, await canned.Content.ReadAsStringAsync());

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<Earshot.Storage.EarshotDbContext>>().CreateDbContextAsync();
        var dead = new WebhookDelivery
        {
            WebhookId = hookId, EventId = Guid.CreateVersion7(), EventType = "alert.opened", Body = "{}", Status = DeliveryStatus.Dead,
            Attempts = 8, CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow, LastError = "HTTP 500",
        };
        db.WebhookDeliveries.Add(dead);
        await db.SaveChangesAsync();
        var cannedId = await db.CannedReplies.Where(r => r.Name == "gx").Select(r => r.Id).SingleAsync();
        return new TwoBrands(app, acmeLead, globexLead, acmeCase, topicId, hookId, dead.Id, cannedId);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_lead_cannot_see_or_change_another_workspaces_webhooks_nor_create_workspaces(DatabaseKind kind)
    {
        var brands = await TwoBrandsAsync(kind);
        await using var app = brands.App;
        var lead = brands.AcmeLead;

        Assert.DoesNotContain(GlobexHookUrl, await lead.GetStringAsync("/api/webhooks"));
        Assert.DoesNotContain(brands.GlobexDeadDelivery.ToString(), await lead.GetStringAsync("/api/webhooks/deliveries?status=dead"));
        var planted = await lead.PostAsJsonAsync("/api/webhooks", new { workspace = "globex", url = "https://93.184.216.34/attacker", secret = "attacker-signing-secret-01" });
        Assert.Equal(HttpStatusCode.NotFound, planted.StatusCode);
        Assert.Equal("workspace", (await planted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        var created = await lead.PostAsJsonAsync("/api/webhooks", new { workspace = "newco", url = "https://93.184.216.34/attacker", secret = "attacker-signing-secret-01" });
        Assert.Equal(HttpStatusCode.NotFound, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.DeleteAsync($"/api/webhooks/{brands.GlobexWebhook}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.PostAsync($"/api/webhooks/deliveries/{brands.GlobexDeadDelivery}/retry", null)).StatusCode);

        var everything = await app.Http.GetStringAsync("/api/webhooks");
        Assert.Contains(GlobexHookUrl, everything);
        Assert.DoesNotContain("attacker", everything);
        Assert.DoesNotContain("newco", await app.Http.GetStringAsync("/api/workspaces"));
        Assert.Contains(brands.GlobexDeadDelivery.ToString(), await app.Http.GetStringAsync("/api/webhooks/deliveries?status=dead"));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_topic_tester_and_topic_writes_stay_in_the_callers_workspaces(DatabaseKind kind)
    {
        var brands = await TwoBrandsAsync(kind);
        await using var app = brands.App;
        var agent = await app.ClientForAsync("ana@acme.test", "agent", "acme");

        var tested = await agent.PostAsJsonAsync("/api/topics/test", new { query = "launch OR terrible" });
        var body = await tested.Content.ReadAsStringAsync();
        Assert.True(tested.IsSuccessStatusCode, body);
        Assert.DoesNotContain("globex", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, JsonDocument.Parse(body).RootElement.GetProperty("count").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await brands.AcmeLead.DeleteAsync($"/api/topics/{brands.GlobexTopic}")).StatusCode);
        Assert.Contains("GlobexSecretTopic", await app.Http.GetStringAsync("/api/topics"));
        Assert.DoesNotContain("GlobexSecretTopic", await brands.AcmeLead.GetStringAsync("/api/topics"));
        foreach (var workspace in new[] { "globex", "brand-new" })
        {
            var saved = await brands.AcmeLead.PostAsJsonAsync("/api/topics", new { workspace, name = "planted", query = "anything" });
            Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
            Assert.True((await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("workspace", out _));
        }
        Assert.DoesNotContain("brand-new", await app.Http.GetStringAsync("/api/workspaces"));
        Assert.DoesNotContain("planted", await app.Http.GetStringAsync("/api/topics"));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Pages_mentions_canned_replies_and_team_names_show_nothing_of_another_workspace(DatabaseKind kind)
    {
        var brands = await TwoBrandsAsync(kind);
        await using var app = brands.App;
        using var session = await CookieSession.SignInAsync(app, "lea@acme.test", "password-lead");

        Assert.DoesNotContain("GlobexSecretTopic", await session.Client.GetStringAsync("/topics"));
        Assert.DoesNotContain("93.184.216.34", await session.Client.GetStringAsync("/alerts"));
        Assert.DoesNotContain("globex_insider", await session.Client.GetStringAsync("/mentions"));
        Assert.DoesNotContain("globex", await session.Client.GetStringAsync($"/cases/{brands.AcmeCase}"), StringComparison.OrdinalIgnoreCase);

        var planted = await session.PostFormAsync("/topics", new() { ["Workspace"] = "globex", ["Name"] = "planted", ["Query"] = "x", ["BackfillDays"] = "0" });
        Assert.Equal(HttpStatusCode.OK, planted.StatusCode);
        Assert.Contains("no workspace", await planted.Content.ReadAsStringAsync());
        Assert.DoesNotContain("planted", await app.Http.GetStringAsync("/api/topics"));

        var note = await brands.AcmeLead.PostAsJsonAsync($"/api/cases/{brands.AcmeCase}/notes", new { text = "@leo can you look?" });
        Assert.True(note.IsSuccessStatusCode, await note.Content.ReadAsStringAsync());
        Assert.Empty((await note.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mentions").EnumerateArray());

        // Not even an admin, who sees every workspace, can send one brand's wording on another brand's case.
        foreach (var caller in new[] { brands.AcmeLead, app.Http })
        {
            var reply = await caller.PostAsJsonAsync($"/api/cases/{brands.AcmeCase}/replies", new { canned_reply_id = brands.GlobexCanned });
            Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
            Assert.DoesNotContain(GlobexWording, await reply.Content.ReadAsStringAsync());
        }

        var globexTeam = await brands.GlobexLead.PostAsJsonAsync("/api/teams", new { workspace = "globex", name = "globex-secret-team" });
        Assert.True(globexTeam.IsSuccessStatusCode, await globexTeam.Content.ReadAsStringAsync());
        var existing = await brands.AcmeLead.GetAsync("/api/cases?team=globex-secret-team");
        var missing = await brands.AcmeLead.GetAsync("/api/cases?team=no-such-team");
        Assert.Equal(missing.StatusCode, existing.StatusCode);
        Assert.Equal(
            (await missing.Content.ReadAsStringAsync()).Replace("no-such-team", "T", StringComparison.Ordinal).Split("trace_id")[0],
            (await existing.Content.ReadAsStringAsync()).Replace("globex-secret-team", "T", StringComparison.Ordinal).Split("trace_id")[0]);
    }

    [Fact]
    public async Task A_bearer_token_does_not_sign_in_to_the_pages()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        var reader = await app.ClientForAsync("rea@brand.test", "lead", "default", scope: "read");
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Address };
        noRedirects.DefaultRequestHeaders.Authorization = reader.DefaultRequestHeaders.Authorization;

        var page = await noRedirects.GetAsync("/topics");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.OriginalString.Replace(app.Address.ToString(), "/", StringComparison.Ordinal));
        var form = await noRedirects.PostAsync("/topics", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "by-token", ["Query"] = "x" }));
        Assert.NotEqual(HttpStatusCode.OK, form.StatusCode);
        Assert.DoesNotContain("by-token", await app.Http.GetStringAsync("/api/topics"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/topics")).StatusCode);
    }
}
