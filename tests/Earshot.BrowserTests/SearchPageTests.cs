using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Earshot.Demo;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>A lead searches the demo in the query language: on Mentions, from the header across everything, and with mistakes.</summary>
public sealed class SearchPageTests(BrowserFixture browser, PostgresServer postgres)
{
    private const string Lead = "lead@aurora.example";

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 1000)]
    public async Task ALead_SearchesMentions_WithNearAndStemming_AndSeesABadQuerysColumn(int width, int height)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        var page = await browser.SignedInPageAsync(app.Address, Lead, DemoPeople.Password);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(new Uri(app.Address, "/mentions").ToString());
        var search = page.Locator("form.filters input[name=q]");

        await search.FillAsync("charged NEAR/2 twice");
        await search.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("q=charged"));
        var texts = await page.Locator("li.post .text").AllInnerTextsAsync();
        Assert.NotEmpty(texts);
        // Within two words of each other, in either order, whatever the case ("Charged twice", "charged me twice").
        var near = new Regex(@"\bcharged\W+(\w+\W+){0,2}twice\b|\btwice\W+(\w+\W+){0,2}charged\b", RegexOptions.IgnoreCase);
        Assert.All(texts, t => Assert.Matches(near, t));
        await BrowserFixture.ScreenshotAsync(page, $"search-mentions-near-{width}");
        await AssertFitsAndAxeCleanAsync(page, width);

        await search.FillAsync("refunds");
        await search.PressAsync("Enter");
        var refunds = await page.Locator("li.post .text").AllInnerTextsAsync();
        Assert.NotEmpty(refunds);
        Assert.All(refunds, t => Assert.Contains("refund", t, StringComparison.OrdinalIgnoreCase));

        await search.FillAsync("(refund OR");
        await search.PressAsync("Enter");
        var error = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "could not be read" });
        await Assertions.Expect(error).ToContainTextAsync("Expected a term after 'OR' at column 11");
        await Assertions.Expect(search).ToHaveAttributeAsync("aria-invalid", "true");
        await BrowserFixture.ScreenshotAsync(page, $"search-mentions-bad-query-{width}");
        await AssertFitsAndAxeCleanAsync(page, width);

        await search.FillAsync("refund");
        await page.GetByLabel("Channel").SelectOptionAsync("instagram"); // the demo has no Instagram account
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The filters (channel) exclude every post");
        await BrowserFixture.ScreenshotAsync(page, $"search-mentions-empty-{width}");
        await AssertFitsAndAxeCleanAsync(page, width);
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 1000)]
    public async Task ALead_SearchesEverythingFromTheHeader_AndSeesThreeSectionsWithCounts(int width, int height)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        var page = await browser.SignedInPageAsync(app.Address, Lead, DemoPeople.Password);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(new Uri(app.Address, "/inbox").ToString());

        await BrowserFixture.OpenMenuOnAPhoneAsync(page);
        var box = page.GetByRole(AriaRole.Search, new() { Name = "Search posts, cases and customers" }).GetByRole(AriaRole.Searchbox);
        await box.FillAsync("refund* OR charg*");
        await box.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/search\\?q="));
        foreach (var section in new[] { "Posts", "Cases", "Customers" })
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^" + section + " \\d+ found$") })).ToBeVisibleAsync();
        Assert.True(await page.Locator("#posts-heading + ol li.post").CountAsync() > 0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("matching posts in Mentions") })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"search-everything-{width}");
        await AssertFitsAndAxeCleanAsync(page, width);

        await page.GotoAsync(new Uri(app.Address, "/search?q=zeppelin").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Nothing in your workspaces matches “zeppelin”");
        await BrowserFixture.ScreenshotAsync(page, $"search-everything-empty-{width}");
        await AssertFitsAndAxeCleanAsync(page, width);
    }

    private static async Task AssertFitsAndAxeCleanAsync(IPage page, int width)
    {
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            $"{page.Url} scrolls sideways at {width} px");
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }
}
