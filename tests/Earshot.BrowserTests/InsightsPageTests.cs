using System.Text.RegularExpressions;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>
/// The insight page of the demo week, as a lead uses it: the landing page after signing in, charts drawn with their
/// table views, filters that narrow every figure, a figure that opens the posts behind it, and the CSV download.
/// </summary>
public sealed class InsightsPageTests(BrowserFixture browser, PostgresServer postgres)
{
    [Fact]
    public async Task ALead_LandsOnInsights_FiltersThem_DrillsIntoAGripe_AndDownloadsTheCsv()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        await app.WaitForPipelineAsync();
        var page = await browser.SignedInPageAsync(app.Address, "lead@aurora.example", Earshot.Demo.DemoPeople.Password);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/insights$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Insights", Level = 1 })).ToBeVisibleAsync();
        // The charts are drawn (Chart.js sizes its canvas), and their numbers are in tables too.
        Assert.True(await page.Locator("#volume-chart").EvaluateAsync<int>("c => c.width") > 0, "the volume chart is drawn");
        await page.Locator("details.chart-table summary").ClickAsync();
        Assert.True(await page.Locator("details.chart-table tbody tr").CountAsync() > 0, "the volume chart's table view lists hours or days");
        var share = await page.Locator("#share-table tbody th").AllInnerTextsAsync();
        Assert.Contains(share, s => s.StartsWith("Aurora", StringComparison.Ordinal));
        Assert.Contains(share, s => s.StartsWith("Vela", StringComparison.Ordinal));
        await BrowserFixture.ScreenshotAsync(page, "insights-demo");

        // A filter narrows every figure, and the address keeps it.
        await page.Locator("select[name=period]").SelectOptionAsync("30d");
        await page.Locator("select[name=sentiment]").SelectOptionAsync("negative");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("period=30d.*sentiment=negative"));
        await Assertions.Expect(page.Locator("#delights-heading + p")).ToHaveTextAsync("Nothing yet in this period.");

        // The top gripe's count opens the Mentions page with the same posts.
        var gripe = page.Locator("section[aria-labelledby=gripes-heading] tbody tr").First;
        var aspect = await gripe.Locator("th").InnerTextAsync();
        var count = int.Parse(await gripe.Locator("td a").First.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await gripe.Locator("td a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mentions\\?.*aspect="));
        await Assertions.Expect(page.Locator(".drill-down")).ToContainTextAsync(aspect);
        Assert.Equal(Math.Min(count, 50), await page.Locator("li.post").CountAsync());

        // The report downloads as CSV with the figures on the page.
        await page.GoBackAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("section,name,posts,previous_posts,share,net_sentiment,change,new", csv, StringComparison.Ordinal);
        Assert.Contains($"gripes,{aspect},{count},", csv, StringComparison.Ordinal);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadCustomPeriod_IsExplainedOnThePage_NotAnError()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        var page = await browser.SignedInPageAsync(app.Address);

        var response = await page.GotoAsync(new Uri(app.Address, "/insights?period=custom&from=2026-13-01&to=2026-12-01&channel=pigeon").ToString());

        Assert.Equal(400, response!.Status);
        var errors = await page.Locator(".error-list li").AllInnerTextsAsync();
        Assert.Contains(errors, e => e.Contains("'2026-13-01' is not a date", StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator("form.filters").CountAsync());
    }
}
