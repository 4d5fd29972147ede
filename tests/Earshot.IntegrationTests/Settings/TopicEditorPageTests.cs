using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;

namespace Earshot.IntegrationTests.Settings;

/// <summary>The topic editor asks before saving under a name another topic has, and a rename never overwrites one.</summary>
public sealed class TopicEditorPageTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task TopicEditor_AnExistingName_AsksFirst_ReplacesOnlyWhenTold_AndNeverOnARename(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        await lead.PostAsJsonAsync("/api/topics", new { workspace = "acme", name = "Refunds", query = "refund*" });
        var outages = await lead.PostAsJsonAsync("/api/topics", new { workspace = "acme", name = "Outages", query = "outage" });
        var outagesId = (await TestApp.ReadJsonAsync(outages)).GetProperty("topic").GetProperty("id").GetGuid();
        using var session = await SignInSession.StartAsync(app.Address, "lea@acme.test", "password-lead");

        var asked = await session.PostFormAsync("/topics", new() { ["Workspace"] = "acme", ["Name"] = "Refunds", ["Query"] = "money back", ["BackfillDays"] = "0" });
        var askedPage = await asked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("already exists in acme", askedPage, StringComparison.Ordinal);
        Assert.Contains("name=\"Replace\"", askedPage, StringComparison.Ordinal);
        Assert.Equal("refund*", await QueryOfAsync(lead, "Refunds"));

        var renamed = await session.PostFormAsync("/topics", new() { ["Id"] = outagesId.ToString(), ["Workspace"] = "acme", ["Name"] = "Refunds", ["Query"] = "outage", ["BackfillDays"] = "0" });
        var renamedPage = await renamed.Content.ReadAsStringAsync();
        Assert.Contains("renaming never overwrites another topic", renamedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Replace\"", renamedPage, StringComparison.Ordinal);
        Assert.Equal(("refund*", "outage"), (await QueryOfAsync(lead, "Refunds"), await QueryOfAsync(lead, "Outages")));

        await session.PostFormAsync("/topics", new() { ["Workspace"] = "acme", ["Name"] = "Refunds", ["Query"] = "money back", ["BackfillDays"] = "0", ["Replace"] = "true" });
        Assert.Equal("money back", await QueryOfAsync(lead, "Refunds"));
        var edit = await session.Client.GetStringAsync($"/topics?edit={outagesId}");
        Assert.Contains("Change the topic ‘Outages’", WebUtility.HtmlDecode(edit), StringComparison.Ordinal);
        await session.PostFormAsync("/topics", new() { ["Id"] = outagesId.ToString(), ["Workspace"] = "acme", ["Name"] = "Downtime", ["Query"] = "outage OR down", ["BackfillDays"] = "0" });
        Assert.Equal("outage OR down", await QueryOfAsync(lead, "Downtime"));
    }

    private static async Task<string?> QueryOfAsync(HttpClient client, string name) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/topics?workspace=acme")).EnumerateArray()
            .Where(t => t.GetProperty("name").GetString() == name).Select(t => t.GetProperty("query").GetString()).SingleOrDefault();
}
