using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.Core.Access;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Settings;

/// <summary>A lead changes and deletes routing rules, SLA policies, calendars and canned replies by id; each change is audited with who.</summary>
public sealed class EditingSettingsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task RoutingRule_PutAndDelete_ChangeItRefuseAnotherRulesNameAndAreAuditedWithTheLead(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        await OkAsync(lead.PostAsJsonAsync("/api/teams", new { workspace = "acme", name = "Care" }));
        await OkAsync(lead.PostAsJsonAsync("/api/teams", new { workspace = "acme", name = "Billing" }));
        var rule = await IdAsync(lead.PostAsJsonAsync("/api/routing-rules", new { workspace = "acme", name = "complaints", team = "Care", intents = new[] { "complaint" } }));
        await OkAsync(lead.PostAsJsonAsync("/api/routing-rules", new { workspace = "acme", name = "outages", team = "Care" }));

        await OkAsync(lead.PutAsJsonAsync($"/api/routing-rules/{rule}", new { name = "billing complaints", team = "Billing", intents = new[] { "complaint" }, severities = new[] { "billing" }, position = 3 }));
        var rules = await lead.GetFromJsonAsync<JsonElement>("/api/routing-rules?workspace=acme");
        var changed = rules.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == rule);
        Assert.Equal(("billing complaints", "Billing", 3, "billing"), (changed.GetProperty("name").GetString(), changed.GetProperty("team").GetString(),
            changed.GetProperty("position").GetInt32(), changed.GetProperty("severities")[0].GetString()));

        var taken = await lead.PutAsJsonAsync($"/api/routing-rules/{rule}", new { name = "outages", team = "Care" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("name", (await TestApp.ReadJsonAsync(taken)).GetProperty("field").GetString());
        var invalid = await lead.PutAsJsonAsync($"/api/routing-rules/{rule}", new { name = "x", team = "Nobody", intents = new[] { "rant" } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await TestApp.ReadJsonAsync(invalid)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("team", out _) && errors.TryGetProperty("intents", out _), errors.ToString());

        Assert.Equal(HttpStatusCode.NoContent, (await lead.DeleteAsync($"/api/routing-rules/{rule}")).StatusCode);
        Assert.DoesNotContain("billing complaints", await lead.GetStringAsync("/api/routing-rules?workspace=acme"));
        var leadId = await app.UserIdAsync("lea@acme.test");
        var audited = await AuditAsync(app, AuditKinds.RoutingRuleSaved, AuditKinds.RoutingRuleDeleted);
        Assert.Contains(audited, a => a.Kind == AuditKinds.RoutingRuleSaved && a.ActorId == leadId && a.DataJson.Contains("\"renamed_from\":\"complaints\"", StringComparison.Ordinal));
        Assert.Contains(audited, a => a.Kind == AuditKinds.RoutingRuleDeleted && a.ActorId == leadId);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task SlaPolicyAndCalendar_ACalendarInUse_IsNotDeletedUntilNoPolicyUsesIt(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        var calendar = await IdAsync(lead.PostAsJsonAsync("/api/calendars", new { workspace = "acme", name = "office", time_zone = "UTC" }));
        var policy = await IdAsync(lead.PostAsJsonAsync("/api/sla-policies", new { workspace = "acme", name = "standard", calendar = "office", first_response_minutes = 60 }));

        var calendars = await lead.GetFromJsonAsync<JsonElement>("/api/calendars?workspace=acme");
        Assert.Equal(["standard"], calendars[0].GetProperty("used_by").EnumerateArray().Select(u => u.GetString()));
        var refused = await lead.DeleteAsync($"/api/calendars/{calendar}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("'standard'", (await TestApp.ReadJsonAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var badMinutes = await lead.PutAsJsonAsync($"/api/sla-policies/{policy}", new { name = "standard", first_response_minutes = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, badMinutes.StatusCode);
        Assert.True((await TestApp.ReadJsonAsync(badMinutes)).GetProperty("errors").TryGetProperty("first_response_minutes", out _));
        await OkAsync(lead.PutAsJsonAsync($"/api/sla-policies/{policy}", new { name = "standard", first_response_minutes = 30 }));
        var saved = (await lead.GetFromJsonAsync<JsonElement>("/api/sla-policies?workspace=acme"))[0];
        Assert.Equal((30, JsonValueKind.Null), (saved.GetProperty("first_response_minutes").GetInt32(), saved.GetProperty("calendar").ValueKind));

        await OkAsync(lead.PutAsJsonAsync($"/api/calendars/{calendar}", new { name = "office hours", time_zone = "Europe/Madrid", hours = new[] { "08:00-16:00", "08:00-16:00", "08:00-16:00", "08:00-16:00", "08:00-14:00", "", "" } }));
        Assert.Equal("Europe/Madrid", (await lead.GetFromJsonAsync<JsonElement>("/api/calendars?workspace=acme"))[0].GetProperty("time_zone").GetString());
        var badZone = await lead.PutAsJsonAsync($"/api/calendars/{calendar}", new { name = "office hours", time_zone = "Mars/Olympus" });
        Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await lead.DeleteAsync($"/api/calendars/{calendar}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await lead.DeleteAsync($"/api/sla-policies/{policy}")).StatusCode);
        Assert.Equal(0, (await lead.GetFromJsonAsync<JsonElement>("/api/sla-policies?workspace=acme")).GetArrayLength());
        var leadId = await app.UserIdAsync("lea@acme.test");
        var audited = await AuditAsync(app, AuditKinds.CalendarDeleted, AuditKinds.SlaPolicyDeleted, AuditKinds.CalendarSaved);
        Assert.Contains(audited, a => a.Kind == AuditKinds.CalendarDeleted && a.ActorId == leadId);
        Assert.Contains(audited, a => a.Kind == AuditKinds.SlaPolicyDeleted && a.ActorId == leadId);
        Assert.Contains(audited, a => a.Kind == AuditKinds.CalendarSaved && a.ActorId == leadId && a.DataJson.Contains("\"renamed_from\":\"office\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task CannedReply_PutChecksTheTemplateAndDeleteRemovesIt(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        var reply = await IdAsync(lead.PostAsJsonAsync("/api/canned-replies", new { workspace = "acme", name = "hello", body = "Hi!" }));
        await OkAsync(lead.PostAsJsonAsync("/api/canned-replies", new { workspace = "acme", name = "bye", body = "Bye!" }));

        var unknown = await lead.PutAsJsonAsync($"/api/canned-replies/{reply}", new { name = "hello", body = "Hi {{customer.shoe_size}}" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await TestApp.ReadJsonAsync(unknown)).GetProperty("errors").TryGetProperty("body", out _));
        Assert.Equal(HttpStatusCode.Conflict, (await lead.PutAsJsonAsync($"/api/canned-replies/{reply}", new { name = "bye", body = "Hi" })).StatusCode);
        await OkAsync(lead.PutAsJsonAsync($"/api/canned-replies/{reply}", new { name = "greeting", body = "Hello {{customer.name}}" }));
        Assert.Contains("Hello {{customer.name}}", await lead.GetStringAsync("/api/canned-replies?workspace=acme"));

        Assert.Equal(HttpStatusCode.NoContent, (await lead.DeleteAsync($"/api/canned-replies/{reply}")).StatusCode);
        Assert.DoesNotContain("greeting", await lead.GetStringAsync("/api/canned-replies?workspace=acme"));
        var leadId = await app.UserIdAsync("lea@acme.test");
        Assert.Contains(await AuditAsync(app, AuditKinds.CannedReplyDeleted), a => a.ActorId == leadId && a.DataJson.Contains("greeting", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AnotherWorkspacesSettings_PutAndDelete_AreNotFoundAndChangeNothing(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var acme = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        var globex = await app.ClientForAsync("leo@globex.test", "lead", "globex");
        await OkAsync(globex.PostAsJsonAsync("/api/teams", new { workspace = "globex", name = "gx-team" }));
        var ids = new Dictionary<string, Guid>
        {
            ["routing-rules"] = await IdAsync(globex.PostAsJsonAsync("/api/routing-rules", new { workspace = "globex", name = "gx-rule", team = "gx-team" })),
            ["calendars"] = await IdAsync(globex.PostAsJsonAsync("/api/calendars", new { workspace = "globex", name = "gx-hours" })),
            ["sla-policies"] = await IdAsync(globex.PostAsJsonAsync("/api/sla-policies", new { workspace = "globex", name = "gx-sla" })),
            ["canned-replies"] = await IdAsync(globex.PostAsJsonAsync("/api/canned-replies", new { workspace = "globex", name = "gx-reply", body = "gx" })),
        };
        await OkAsync(acme.PostAsJsonAsync("/api/teams", new { workspace = "acme", name = "gx-team" }));

        foreach (var (resource, id) in ids)
        {
            var put = await acme.PutAsJsonAsync($"/api/{resource}/{id}", new { name = "taken-over", team = "gx-team", body = "mine" });
            Assert.True(put.StatusCode == HttpStatusCode.NotFound, $"PUT {resource}: {put.StatusCode}");
            Assert.True((await acme.DeleteAsync($"/api/{resource}/{id}")).StatusCode == HttpStatusCode.NotFound, $"DELETE {resource}");
        }
        foreach (var (resource, name) in new[] { ("routing-rules", "gx-rule"), ("calendars", "gx-hours"), ("sla-policies", "gx-sla"), ("canned-replies", "gx-reply") })
            Assert.Contains(name, await globex.GetStringAsync($"/api/{resource}?workspace=globex"));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task CasePolicyAndCalendar_ValuesThatWouldStallCases_AreRefusedNamingTheField(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "acme");

        var nullList = await lead.PutAsJsonAsync("/api/case-policy", new { workspace = "acme", policy = new { actionable_intents = (string[]?)null } });
        var neverOpen = await lead.PostAsJsonAsync("/api/calendars", new { workspace = "acme", name = "shut", hours = new[] { "", "", "", "", "", "", "" } });

        Assert.Equal(HttpStatusCode.BadRequest, nullList.StatusCode);
        Assert.True((await TestApp.ReadJsonAsync(nullList)).GetProperty("errors").TryGetProperty("policy.actionable_intents", out _));
        Assert.Equal(HttpStatusCode.BadRequest, neverOpen.StatusCode);
        Assert.True((await TestApp.ReadJsonAsync(neverOpen)).GetProperty("errors").TryGetProperty("hours", out _));
        var policy = await lead.GetFromJsonAsync<JsonElement>("/api/case-policy?workspace=acme");
        Assert.Equal(2, policy.GetProperty("policy").GetProperty("actionable_intents").GetArrayLength());
        Assert.Equal(0, (await lead.GetFromJsonAsync<JsonElement>("/api/calendars?workspace=acme")).GetArrayLength());
    }

    private static async Task OkAsync(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<Guid> IdAsync(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await TestApp.ReadJsonAsync(response)).GetProperty("id").GetGuid();
    }

    internal static async Task<List<AuditEvent>> AuditAsync(TestApp app, params string[] kinds)
    {
        await using var db = app.Database.Target.CreateContext();
        return await db.AuditEvents.AsNoTracking().Where(e => kinds.Contains(e.Kind)).ToListAsync();
    }
}
