using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.IntegrationTests.Access;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Posts;

/// <summary>`GET /api/search` and the /search page: posts, cases and customers; and the Mentions page's search.</summary>
public sealed class SearchingEverythingTests(PostgresServer postgres)
{
    private static async Task<string> HtmlAsync(HttpClient pages, string path) => WebUtility.HtmlDecode(await pages.GetStringAsync(path));

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_OneQuery_FindsPostsCasesAndLinkedCustomers(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "c-1", "jane_doe", "I was charged twice and still no refund, terrible service");
        await PostAsync(app, "c-2", "jd_by_mail", "hello again", channel: "email");
        await PostAsync(app, "c-3", "someone_else", "lovely weather today");
        await WaitForCasesAsync(app.Http, 1);
        Guid[] authors;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EarshotDbContext>();
            authors = await db.Authors.Where(a => a.Handle == "jane_doe" || a.Handle == "jd_by_mail").Select(a => a.Id).ToArrayAsync();
        }
        Assert.True((await app.Http.PostAsJsonAsync("/api/customers/link", new { author_ids = authors })).IsSuccessStatusCode);

        var refunds = await app.GetJsonAsync("/api/search?q=refunds");
        var jane = await app.GetJsonAsync("/api/search?q=jane_doe");

        Assert.Equal(1, refunds.GetProperty("posts").GetProperty("count").GetInt32());
        Assert.Equal(1, refunds.GetProperty("cases").GetProperty("count").GetInt32());
        Assert.Equal(0, refunds.GetProperty("customers").GetProperty("count").GetInt32());
        var customers = jane.GetProperty("customers").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, jane.GetProperty("customers").GetProperty("count").GetInt32());
        Assert.Contains(customers, c => c.GetProperty("handle").GetString() == "jd_by_mail" && c.GetProperty("linked").GetBoolean());
        Assert.Contains(customers, c => c.GetProperty("handle").GetString() == "jane_doe" && !c.GetProperty("linked").GetBoolean());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_MalformedOrMissingQuery_Answers400NamingQ(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);

        var bad = await app.Http.GetAsync("/api/search?q=" + Uri.EscapeDataString("refund AND"));
        var missing = await app.Http.GetAsync("/api/search");
        var problem = await TestApp.ReadJsonAsync(bad);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(11, problem.GetProperty("column").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_AnotherBrand_FindsNothingOfIt(DatabaseKind kind)
    {
        var brands = await TwoBrands.StartAsync(kind, postgres);
        await using var app = brands.App;

        var acme = JsonDocument.Parse(await brands.AcmeLead.GetStringAsync("/api/search?q=globex")).RootElement;
        var globex = JsonDocument.Parse(await brands.GlobexLead.GetStringAsync("/api/search?q=globex")).RootElement;

        foreach (var section in new[] { "posts", "cases", "customers" })
            Assert.Equal(0, acme.GetProperty(section).GetProperty("count").GetInt32());
        Assert.Equal(1, globex.GetProperty("posts").GetProperty("count").GetInt32());
        Assert.Equal(1, globex.GetProperty("customers").GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task MentionsPage_EmptyResults_SayWhichPartExcludedEverything(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var pages = await app.PagesAsync();
        var before = await HtmlAsync(pages, "/mentions?q=refund");
        await PostAsync(app, "m-1", "jane", "refund please");

        var noMatch = await HtmlAsync(pages, "/mentions?q=voucher");
        var filters = await HtmlAsync(pages, "/mentions?channel=reddit");
        var together = await HtmlAsync(pages, "/mentions?q=refund&channel=reddit");
        var badQuery = await HtmlAsync(pages, "/mentions?q=" + Uri.EscapeDataString("(refund OR voucher"));
        var found = await HtmlAsync(pages, "/mentions?q=refunds");

        Assert.Contains("No posts yet in your workspaces", before, StringComparison.Ordinal);
        Assert.Contains("No post in your workspaces matches the search “voucher”", noMatch, StringComparison.Ordinal);
        Assert.Contains("The filters (channel) exclude every post", filters, StringComparison.Ordinal);
        Assert.Contains("The filters (channel) exclude every post", together, StringComparison.Ordinal);
        Assert.Contains("Expected ')' at column 19", badQuery, StringComparison.Ordinal);
        Assert.Contains("refund please", found, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task SearchPage_ShowsThreeSectionsWithCountsAndTheColumnOfABadQuery(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var pages = await app.PagesAsync();
        await PostAsync(app, "s-1", "jane", "charged me twice for the same ticket");

        var page = await HtmlAsync(pages, "/search?q=" + Uri.EscapeDataString("charged NEAR/2 twice"));
        var bad = await HtmlAsync(pages, "/search?q=" + Uri.EscapeDataString("charged NEAR twice"));
        var nothing = await HtmlAsync(pages, "/search?q=zeppelin");

        Assert.Contains("id=\"posts-heading\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"cases-heading\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"customers-heading\"", page, StringComparison.Ordinal);
        Assert.Contains("charged me twice for the same ticket", page, StringComparison.Ordinal);
        Assert.Contains("at column 13", bad, StringComparison.Ordinal);
        Assert.Contains("Nothing in your workspaces matches “zeppelin”", nothing, StringComparison.Ordinal);
    }
}
