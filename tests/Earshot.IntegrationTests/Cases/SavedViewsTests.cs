using System.Net;
using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Cases;

/// <summary>/api/me/views: a person's saved inbox filters are theirs alone.</summary>
public sealed class SavedViewsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task SavedViews_OfOnePerson_AreNeitherListedNorDeletableByAnother(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "1", "one", Complaint);
        await WaitForCasesAsync(app.Http, 1);
        var ana = await app.ClientForAsync("ana@brand.test", "agent", "default");
        var lead = await app.ClientForAsync("lea@brand.test", "lead", "default");

        var saved = await SendAsync(ana, HttpMethod.Post, "/api/me/views", new { name = "my unassigned", view = "unassigned" });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var id = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(ana, HttpMethod.Post, "/api/me/views", new { name = "my unassigned", view = "mine" })).StatusCode);
        var bad = await SendAsync(ana, HttpMethod.Post, "/api/me/views", new { name = "odd", view = "sideways" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"view\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var mine = (await GetAsync(ana, "/api/me/views")).EnumerateArray().ToList();
        Assert.Equal("my unassigned", Assert.Single(mine).GetProperty("name").GetString());
        Assert.Equal(1, mine[0].GetProperty("count").GetInt32());
        foreach (var other in new[] { lead, app.Http })
        {
            Assert.Empty((await GetAsync(other, "/api/me/views")).EnumerateArray());
            Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/me/views/{id}")).StatusCode);
        }
        Assert.Single((await GetAsync(ana, "/api/me/views")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await ana.DeleteAsync($"/api/me/views/{id}")).StatusCode);
        Assert.Empty((await GetAsync(ana, "/api/me/views")).EnumerateArray());
    }
}
