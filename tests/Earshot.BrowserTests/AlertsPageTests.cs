using Earshot.IntegrationTests.Alerts;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>An agent on any page hears about a spike the moment it opens, and the Alerts page shows what it is.</summary>
public sealed class AlertsPageTests(BrowserFixture browser, PostgresServer postgres)
{
    [Fact]
    public async Task SpikeWhileAnAgentReadsMentions_ShowsTheBanner_AndTheAlertWithItsChart()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, services => AlertTestSetup.Configure(services));
        await app.PostJsonAsync("/api/topics", """{"name": "Aurora", "query": "aurora"}""");
        var now = DateTime.UtcNow;
        await app.PostJsonAsync("/api/posts", AlertTestSetup.Baseline(now));
        await AlertTestSetup.WaitUntilPublishedAsync(app, 255);
        var page = await browser.SignedInPageAsync(app.Address);
        await page.GotoAsync(new Uri(app.Address, "/mentions").ToString());
        await page.WaitForTimeoutAsync(500); // the event stream connects

        await app.PostJsonAsync("/api/posts", AlertTestSetup.Burst(now, 150).Replace("I hate this", "<img src=x onerror=alert(1)> I hate this", StringComparison.Ordinal));

        var banner = page.Locator("#alert-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(banner).ToContainTextAsync("on Aurora");
        await BrowserFixture.ScreenshotAsync(page, "alerts-banner");

        await banner.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/alerts"));
        var card = page.Locator(".alert-card").Filter(new() { HasText = "Volume spike" });
        await Assertions.Expect(card.Locator("svg.chart polyline.all")).ToHaveCountAsync(1);
        // The chart's numbers as a table, for whoever cannot see the chart: the burst's minutes are in it.
        await card.GetByText("The chart as a table").ClickAsync();
        var minutes = card.Locator("details.chart-table tbody tr");
        await Assertions.Expect(minutes.Filter(new() { HasText = "during the alert" }).First).ToBeVisibleAsync();
        Assert.True(await minutes.CountAsync() >= 2);
        await Assertions.Expect(card.Locator(".examples .post").First).ToContainTextAsync("<img src=x onerror=alert(1)>");
        Assert.Equal(0, await page.Locator(".examples img").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "alerts-page");

        await card.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Acknowledged.");
        await Assertions.Expect(page.Locator(".alert-card").Filter(new() { HasText = "Volume spike" })).ToContainTextAsync("acknowledged");

        // The lead turns the spike into one incident case and lands on it.
        card = page.Locator(".alert-card").Filter(new() { HasText = "Volume spike" });
        await card.GetByLabel("Severity").SelectOptionAsync("outage");
        await card.GetByRole(AriaRole.Button, new() { Name = "Open incident case" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cases/"));
        await Assertions.Expect(page.Locator("#case-heading")).ToContainTextAsync("Incident: volume spike on Aurora");
        await Assertions.Expect(page.Locator(".incident-of")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".case-main img").CountAsync());
        await page.GotoAsync(new Uri(app.Address, "/alerts").ToString());
        await Assertions.Expect(page.Locator(".alert-card").Filter(new() { HasText = "Volume spike" }).GetByRole(AriaRole.Link, new() { Name = "Incident case" })).ToBeVisibleAsync();
    }
}
