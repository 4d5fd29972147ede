using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;

namespace Earshot.IntegrationTests.Access;

/// <summary>
/// Two brands on one server: everything a lead of one can reach of the other's, through the API and the pages, as
/// a security review found it. Each test answered with the other brand's data before workspace filtering moved into
/// storage.
/// </summary>
public sealed class TenancyTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_lead_cannot_see_or_change_another_workspaces_webhooks_nor_create_workspaces(DatabaseKind kind)
    {
        var brands = await TwoBrands.StartAsync(kind, postgres);
        await using var app = brands.App;
        var lead = brands.AcmeLead;

        Assert.DoesNotContain(TwoBrands.GlobexHookUrl, await lead.GetStringAsync("/api/webhooks"));
        Assert.DoesNotContain(brands.Globex[Names.DeadDelivery].ToString(), await lead.GetStringAsync("/api/webhooks/deliveries?status=dead"));
        var planted = await lead.PostAsJsonAsync("/api/webhooks", new { workspace = "globex", url = "https://93.184.216.34/attacker", secret = "attacker-signing-secret-01" });
        Assert.Equal(HttpStatusCode.NotFound, planted.StatusCode);
        Assert.Equal("workspace", (await planted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        var created = await lead.PostAsJsonAsync("/api/webhooks", new { workspace = "newco", url = "https://93.184.216.34/attacker", secret = "attacker-signing-secret-01" });
        Assert.Equal(HttpStatusCode.NotFound, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.DeleteAsync($"/api/webhooks/{brands.Globex[Names.Webhook]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.PostAsync($"/api/webhooks/deliveries/{brands.Globex[Names.DeadDelivery]}/retry", null)).StatusCode);

        var everything = await app.Http.GetStringAsync("/api/webhooks");
        Assert.Contains(TwoBrands.GlobexHookUrl, everything);
        Assert.DoesNotContain("attacker", everything);
        Assert.DoesNotContain("newco", await app.Http.GetStringAsync("/api/workspaces"));
        Assert.Contains(brands.Globex[Names.DeadDelivery].ToString(), await app.Http.GetStringAsync("/api/webhooks/deliveries?status=dead"));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_topic_tester_and_topic_writes_stay_in_the_callers_workspaces(DatabaseKind kind)
    {
        var brands = await TwoBrands.StartAsync(kind, postgres);
        await using var app = brands.App;
        var agent = await app.ClientForAsync("ana@acme.test", "agent", "acme");

        var tested = await agent.PostAsJsonAsync("/api/topics/test", new { query = "launch OR terrible" });
        var body = await tested.Content.ReadAsStringAsync();
        Assert.True(tested.IsSuccessStatusCode, body);
        Assert.DoesNotContain("globex", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, JsonDocument.Parse(body).RootElement.GetProperty("count").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await brands.AcmeLead.DeleteAsync($"/api/topics/{brands.Globex[Names.Topic]}")).StatusCode);
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
        var brands = await TwoBrands.StartAsync(kind, postgres);
        await using var app = brands.App;
        using var session = await SignInSession.StartAsync(app.Address, "lea@acme.test", "password-lead");

        Assert.DoesNotContain("GlobexSecretTopic", await session.Client.GetStringAsync("/topics"));
        Assert.DoesNotContain("93.184.216.34", await session.Client.GetStringAsync("/alerts"));
        Assert.DoesNotContain("globex_insider", await session.Client.GetStringAsync("/mentions"));
        Assert.DoesNotContain("globex", await session.Client.GetStringAsync($"/cases/{brands.Acme[Names.Case]}"), StringComparison.OrdinalIgnoreCase);

        var planted = await session.PostFormAsync("/topics", new() { ["Workspace"] = "globex", ["Name"] = "planted", ["Query"] = "x", ["BackfillDays"] = "0" });
        Assert.Equal(HttpStatusCode.OK, planted.StatusCode);
        Assert.Contains("no workspace", await planted.Content.ReadAsStringAsync());
        Assert.DoesNotContain("planted", await app.Http.GetStringAsync("/api/topics"));

        var note = await brands.AcmeLead.PostAsJsonAsync($"/api/cases/{brands.Acme[Names.Case]}/notes", new { text = "@leo can you look?" });
        Assert.True(note.IsSuccessStatusCode, await note.Content.ReadAsStringAsync());
        Assert.Empty((await note.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mentions").EnumerateArray());

        // Not even an admin, who sees every workspace, can send one brand's wording on another brand's case.
        foreach (var caller in new[] { brands.AcmeLead, app.Http })
        {
            var reply = await caller.PostAsJsonAsync($"/api/cases/{brands.Acme[Names.Case]}/replies", new { canned_reply_id = brands.GlobexCanned });
            Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
            Assert.DoesNotContain(TwoBrands.GlobexWording, await reply.Content.ReadAsStringAsync());
        }

        var existing = await brands.AcmeLead.GetAsync("/api/cases?team=globex-team");
        var missing = await brands.AcmeLead.GetAsync("/api/cases?team=no-such-team");
        Assert.Equal(missing.StatusCode, existing.StatusCode);
        Assert.Equal(
            (await missing.Content.ReadAsStringAsync()).Replace("no-such-team", "T", StringComparison.Ordinal).Split("trace_id")[0],
            (await existing.Content.ReadAsStringAsync()).Replace("globex-team", "T", StringComparison.Ordinal).Split("trace_id")[0]);
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
