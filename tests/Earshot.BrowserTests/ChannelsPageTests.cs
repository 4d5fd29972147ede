using System.Net;
using System.Text.Json;
using Earshot.Channels.Connectors;
using Earshot.Core.Posts;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>A broken feed is visible on the Channels page before anyone wonders why its posts stopped.</summary>
public sealed class ChannelsPageTests(BrowserFixture browser, PostgresServer postgres)
{
    [Fact]
    public async Task FailingFeed_IsFlaggedOnTheChannelsPage()
    {
        await using var feed = await FakeFeedServer.StartAsync("<rss/>");
        feed.Failure = HttpStatusCode.BadGateway;
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, services => services.AddSingleton(new ConnectorHostOptions
        {
            ScanInterval = TimeSpan.FromMilliseconds(100),
            FirstBackoff = TimeSpan.FromMilliseconds(100),
        }));
        await app.Services.GetRequiredService<ChannelRegistry>().AddAsync("Aurora Mobile", ChannelKind.Rss, "status page",
            JsonSerializer.SerializeToElement(new { url = feed.Url.ToString(), interval_seconds = 60 }), CancellationToken.None);
        var page = await browser.SignedInPageAsync(app.Address);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        do
        {
            await page.GotoAsync(new Uri(app.Address, "/channels").ToString());
            if (await page.GetByRole(AriaRole.Alert).CountAsync() > 0)
                break;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("1 channel(s) need attention");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "status page" });
        await Assertions.Expect(row).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"failing: \d+ failures in a row"));
        await Assertions.Expect(row).ToContainTextAsync("the feed answered 502");
        await BrowserFixture.ScreenshotAsync(page, "channels-failing");
    }
}
