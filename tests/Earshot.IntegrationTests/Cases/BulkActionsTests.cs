using System.Net;
using System.Text.Json;
using Earshot.IntegrationTests.Access;
using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Cases;

/// <summary>POST /api/cases/bulk: one action for a selection, answered case by case.</summary>
public sealed class BulkActionsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Bulk_WithAnotherWorkspacesCase_DoesTheCallersAndAnswersNotFoundForTheOther(DatabaseKind kind)
    {
        var brands = await TwoBrands.StartAsync(kind, postgres);
        await using var app = brands.App;
        var acme = brands.Acme[Names.Case];
        var globex = brands.Globex[Names.Case];

        var answer = await ResultsAsync(await SendAsync(brands.AcmeLead, HttpMethod.Post, "/api/cases/bulk", new { ids = new[] { acme, globex }, action = "tag", tags = new[] { "vip" } }));
        Assert.Equal("done", answer[acme].Result);
        Assert.Equal("not_found", answer[globex].Result);
        Assert.Contains("vip", (await GetAsync(brands.AcmeLead, $"/api/cases/{acme}")).GetProperty("case").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.DoesNotContain("vip", (await GetAsync(brands.GlobexLead, $"/api/cases/{globex}")).GetProperty("case").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var status = await ResultsAsync(await SendAsync(brands.AcmeLead, HttpMethod.Post, "/api/cases/bulk", new { ids = new[] { globex, acme }, action = "status", status = "resolved" }));
        Assert.Equal(("not_found", "done"), (status[globex].Result, status[acme].Result));
        Assert.NotEqual("resolved", (await GetAsync(brands.GlobexLead, $"/api/cases/{globex}")).GetProperty("case").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Bulk_AssignByAnAgent_TakesForThemselvesButRefusesHandingToOthers(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "1", "one", Complaint, DateTime.UtcNow.AddMinutes(-5));
        await PostAsync(app, "2", "two", Complaint, DateTime.UtcNow.AddMinutes(-4));
        var ids = (await WaitForCasesAsync(app.Http, 2)).Select(c => c.GetProperty("id").GetGuid()).ToArray();
        var ana = await app.ClientForAsync("ana@brand.test", "agent", "default");
        await app.ClientForAsync("ben@brand.test", "agent", "default");
        var ben = await app.UserIdAsync("ben@brand.test");

        var toBen = await ResultsAsync(await SendAsync(ana, HttpMethod.Post, "/api/cases/bulk", new { ids, action = "assign", assignee = ben.ToString() }));
        Assert.All(ids, id => Assert.Equal("refused", toBen[id].Result));
        Assert.Contains("leads", toBen[ids[0]].Reason, StringComparison.Ordinal);
        var toMe = await ResultsAsync(await SendAsync(ana, HttpMethod.Post, "/api/cases/bulk", new { ids, action = "assign", assignee = "me" }));
        Assert.All(ids, id => Assert.Equal("done", toMe[id].Result));
        var mine = await GetAsync(ana, "/api/cases?view=mine");
        Assert.Equal(2, mine.GetProperty("total").GetInt32());

        // A lead may hand them on.
        var byLead = await ResultsAsync(await SendAsync(app.Http, HttpMethod.Post, "/api/cases/bulk", new { ids, action = "assign", assignee = ben.ToString() }));
        Assert.All(ids, id => Assert.Equal("done", byLead[id].Result));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Bulk_Merge_FoldsTheSelectionIntoOneCase(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        for (var i = 0; i < 3; i++)
            await PostAsync(app, $"o{i}", $"outage_{i}", Outage, DateTime.UtcNow.AddMinutes(-10 + i));
        var ids = (await WaitForCasesAsync(app.Http, 3)).Select(c => c.GetProperty("id").GetGuid()).ToArray();
        var into = ids[1];
        var missing = Guid.NewGuid();

        var merged = await ResultsAsync(await SendAsync(app.Http, HttpMethod.Post, "/api/cases/bulk", new { ids = ids.Append(missing), action = "merge", into }));
        Assert.All(ids, id => Assert.Equal("done", merged[id].Result));
        Assert.Equal("not_found", merged[missing].Result);
        var target = await GetAsync(app.Http, $"/api/cases/{into}");
        Assert.Equal(3, target.GetProperty("conversation").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "customer"));
        foreach (var source in ids.Where(id => id != into))
            Assert.Equal("closed", (await GetAsync(app.Http, $"/api/cases/{source}")).GetProperty("case").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Bulk_WithTooManyIdsOrAnUnknownAction_Answers400NamingTheField(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        foreach (var (body, field) in new (object, string)[]
        {
            (new { ids = Enumerable.Range(0, 201).Select(_ => Guid.NewGuid()), action = "status", status = "resolved" }, "ids"),
            (new { ids = Array.Empty<Guid>(), action = "status", status = "resolved" }, "ids"),
            (new { ids = new[] { Guid.NewGuid() }, action = "explode" }, "action"),
            (new { ids = new[] { Guid.NewGuid() }, action = "status", status = "done-ish" }, "status"),
            (new { ids = new[] { Guid.NewGuid() }, action = "merge" }, "into"),
        })
        {
            var response = await SendAsync(app.Http, HttpMethod.Post, "/api/cases/bulk", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _), field);
        }
    }

    private static async Task<Dictionary<Guid, (string Result, string Reason)>> ResultsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().ToDictionary(
            i => i.GetProperty("id").GetGuid(),
            i => (i.GetProperty("result").GetString()!, i.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString()! : ""));
    }
}
