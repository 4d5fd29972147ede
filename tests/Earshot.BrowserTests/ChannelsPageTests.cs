using System.Net;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>
/// A broken feed is visible on the Channels page before anyone wonders why its posts stopped; leads add and remove
/// channels there.
/// </summary>
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

    [Fact]
    public async Task Lead_AddsAFeedThroughTheForm_SeesAFieldError_ThenRemovesIt()
    {
        var fixture = await File.ReadAllTextAsync(SharedData.RequireFixture("rss/rss2_spec_sample_liftoff.xml"));
        await using var feed = await FakeFeedServer.StartAsync(fixture);
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, services => services.AddSingleton(new ConnectorHostOptions
        {
            ScanInterval = TimeSpan.FromMilliseconds(100),
        }));
        await app.ClientForAsync("lea@aurora.test", "lead", "Aurora Mobile");
        var page = await browser.SignedInPageAsync(app.Address, "lea@aurora.test", "password-lead");
        await page.GotoAsync(new Uri(app.Address, "/channels").ToString());
        // A channel's name is whatever a person typed: it is shown as text, never as markup.
        const string name = "Aurora <b>blog</b>";

        await page.Locator("#channel-kind").SelectOptionAsync("mastodon");
        Assert.Equal("password", await page.Locator("#setting-mastodon-token").GetAttributeAsync("type"));
        await page.Locator("#channel-kind").SelectOptionAsync("rss");
        await Assertions.Expect(page.Locator("#setting-mastodon-token")).ToBeHiddenAsync();
        await page.Locator("#add-channel input[name=workspace]").FillAsync("Aurora Mobile");
        await page.Locator("#add-channel input[name=name]").FillAsync(name);
        await page.Locator("#setting-rss-url").FillAsync("not a url");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add channel" }).ClickAsync();
        var urlError = page.Locator("fieldset[data-kind=rss] [data-error-for='settings.url']");
        await Assertions.Expect(urlError).ToContainTextAsync("absolute http or https URL");
        await BrowserFixture.ScreenshotAsync(page, "channels-add-field-error");

        await page.Locator("#setting-rss-url").FillAsync(feed.Url.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Add channel" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("Aurora Mobile");
        Assert.Equal(0, await page.Locator("table.channels b").CountAsync());
        await Wait.UntilAsync(async () =>
        {
            await using var db = app.Database.Target.CreateContext();
            return await db.Posts.AnyAsync(p => p.Channel!.Name == name);
        }, "the running server polls the new feed");
        await BrowserFixture.ScreenshotAsync(page, "channels-added");

        string? question = null;
        page.Dialog += async (_, dialog) =>
        {
            question = dialog.Message;
            await dialog.AcceptAsync();
        };
        await row.GetByRole(AriaRole.Button, new() { Name = "Remove " + name }).ClickAsync();
        await Assertions.Expect(page.GetByText("No channels yet")).ToBeVisibleAsync();
        Assert.Contains("its posts stay", question, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "channels-removed");
        await using (var db = app.Database.Target.CreateContext())
            Assert.True(await db.Posts.AnyAsync(p => p.Channel!.Name == name));
    }

    [Fact]
    public async Task Agent_SeesChannels_WithoutTheFormOrRemoveButtons()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        await app.ClientForAsync("ana@aurora.test", "agent", "Aurora Mobile");
        var added = await app.Services.GetRequiredService<ChannelRegistry>().AddAsync("Aurora Mobile", ChannelKind.Rss, "status page",
            JsonSerializer.SerializeToElement(new { url = "http://127.0.0.1:9/feed.xml" }), CancellationToken.None);
        Assert.NotNull(added.Channel);
        var page = await browser.SignedInPageAsync(app.Address, "ana@aurora.test", "password-agent");

        await page.GotoAsync(new Uri(app.Address, "/channels").ToString());

        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "status page" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#add-channel").CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Remove status page" }).CountAsync());
    }
}
