using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.Core.Access;
using Earshot.IntegrationTests.Infrastructure;

namespace Earshot.IntegrationTests.Settings;

/// <summary>Topics are created once per name, renamed without ever overwriting another, and deleted only when no rule routes by them.</summary>
public sealed class EditingTopicsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Topic_CreatedUnderAnExistingName_Answers409AndLeavesTheTopicAsItWas(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        Assert.Equal(HttpStatusCode.Created, (await lead.PostAsJsonAsync("/api/topics", new { workspace = "acme", name = "Refunds", query = "refund*" })).StatusCode);

        var again = await lead.PostAsJsonAsync("/api/topics", new { workspace = "acme", name = "Refunds", query = "anything" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("name", (await TestApp.ReadJsonAsync(again)).GetProperty("field").GetString());
        var topic = (await lead.GetFromJsonAsync<JsonElement>("/api/topics?workspace=acme"))[0];
        Assert.Equal("refund*", topic.GetProperty("query").GetString());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Topic_Put_RenamesAndChangesIt_ButRenamingOntoAnotherAnswers409NamingName(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        var refunds = await IdAsync(lead.PostAsJsonAsync("/api/topics", new { workspace = "acme", name = "Refunds", query = "refund*", team = "Billing" }));
        await IdAsync(lead.PostAsJsonAsync("/api/topics", new { workspace = "acme", name = "Outages", query = "outage OR down" }));

        var onto = await lead.PutAsJsonAsync($"/api/topics/{refunds}", new { name = "Outages", query = "refund*" });
        Assert.Equal(HttpStatusCode.Conflict, onto.StatusCode);
        Assert.Equal("name", (await TestApp.ReadJsonAsync(onto)).GetProperty("field").GetString());
        var badQuery = await lead.PutAsJsonAsync($"/api/topics/{refunds}", new { name = "Refunds", query = "(refund" });
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
        Assert.True((await TestApp.ReadJsonAsync(badQuery)).GetProperty("errors").TryGetProperty("query", out _));

        var renamed = await lead.PutAsJsonAsync($"/api/topics/{refunds}", new { name = "Money back", query = "refund* OR chargeback" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var topics = (await lead.GetFromJsonAsync<JsonElement>("/api/topics?workspace=acme")).EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => (Query: t.GetProperty("query").GetString(), Team: t.GetProperty("team").GetString()));
        Assert.Equal(["Money back", "Outages"], topics.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("refund* OR chargeback", "Billing"), topics["Money back"]);
        Assert.Equal("outage OR down", topics["Outages"].Query);
        var leadId = await app.UserIdAsync("lea@acme.test");
        Assert.Contains(await EditingSettingsTests.AuditAsync(app, AuditKinds.TopicSaved),
            a => a.ActorId == leadId && a.DataJson.Contains("\"renamed_from\":\"Refunds\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Topic_NamedByARoutingRule_IsNotDeletedUntilTheRuleLetsGo(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        var topic = await IdAsync(lead.PostAsJsonAsync("/api/topics", new { workspace = "acme", name = "Refunds", query = "refund*", team = "Billing" }));
        var rule = await IdAsync(lead.PostAsJsonAsync("/api/routing-rules", new { workspace = "acme", name = "refunds to billing", team = "Billing", topics = new[] { "Refunds" } }));

        var refused = await lead.DeleteAsync($"/api/topics/{topic}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("'refunds to billing'", (await TestApp.ReadJsonAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await lead.DeleteAsync($"/api/routing-rules/{rule}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await lead.DeleteAsync($"/api/topics/{topic}")).StatusCode);
        Assert.Equal(0, (await lead.GetFromJsonAsync<JsonElement>("/api/topics?workspace=acme")).GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AnotherWorkspacesTopic_PutAndDelete_AreNotFound(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var acme = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        var globex = await app.ClientForAsync("leo@globex.test", "lead", "globex");
        var theirs = await IdAsync(globex.PostAsJsonAsync("/api/topics", new { workspace = "globex", name = "Launch", query = "launch" }));

        Assert.Equal(HttpStatusCode.NotFound, (await acme.PutAsJsonAsync($"/api/topics/{theirs}", new { name = "Mine", query = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await acme.DeleteAsync($"/api/topics/{theirs}")).StatusCode);
        Assert.Equal("launch", (await globex.GetFromJsonAsync<JsonElement>("/api/topics?workspace=globex"))[0].GetProperty("query").GetString());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Topic_Kind_DefaultsToOther_IsSetAndChanged_AndAnUnknownKindAnswers400NamingKind(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        var nimbus = await IdAsync(lead.PostAsJsonAsync("/api/topics", new { workspace = "acme", name = "Nimbus", query = "nimbus", kind = "competitor" }));
        await IdAsync(lead.PostAsJsonAsync("/api/topics", new { workspace = "acme", name = "Refunds", query = "refund*" }));

        var unknown = await lead.PostAsJsonAsync("/api/topics", new { workspace = "acme", name = "Rivals", query = "rival", kind = "rival" });
        var unknownPut = await lead.PutAsJsonAsync($"/api/topics/{nimbus}", new { name = "Nimbus", query = "nimbus", kind = "2" });
        var changed = await lead.PutAsJsonAsync($"/api/topics/{nimbus}", new { name = "Nimbus", query = "nimbus OR \"nimbus telecom\"", kind = "Brand" });
        var kept = await lead.PutAsJsonAsync($"/api/topics/{nimbus}", new { name = "Nimbus", query = "nimbus" });

        foreach (var refused in new[] { unknown, unknownPut })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var message = (await TestApp.ReadJsonAsync(refused)).GetProperty("errors").GetProperty("kind")[0].GetString();
            Assert.Contains("brand, competitor, product, campaign, other", message, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("brand", (await TestApp.ReadJsonAsync(kept)).GetProperty("topic").GetProperty("kind").GetString());
        var kinds = (await lead.GetFromJsonAsync<JsonElement>("/api/topics?workspace=acme")).EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("kind").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["Nimbus"] = "brand", ["Refunds"] = "other" }, kinds);
    }

    private static async Task<Guid> IdAsync(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = await TestApp.ReadJsonAsync(response);
        return (body.TryGetProperty("topic", out var topic) ? topic : body).GetProperty("id").GetGuid();
    }
}
