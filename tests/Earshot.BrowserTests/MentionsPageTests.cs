using System.Text.RegularExpressions;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>A newcomer's first look: the demo's Mentions page in a real browser.</summary>
public sealed class MentionsPageTests(BrowserFixture browser, PostgresServer postgres)
{
    [Fact]
    public async Task Demo_MentionsPage_ShowsPostsAndOpensAPost()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        var page = await browser.SignedInPageAsync(app.Address);

        await page.GotoAsync(new Uri(app.Address, "/").ToString());

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mentions$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mentions" })).ToBeVisibleAsync();
        Assert.Equal(50, await page.Locator("li.post").CountAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Older posts →" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "mentions-demo");

        await page.Locator("li.post .text a").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Raw payload" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("pre.raw")).ToContainTextAsync("\"demo\": true");
        await BrowserFixture.ScreenshotAsync(page, "post-demo");
    }

    [Fact]
    public async Task Mentions_FilterByChannel_ShowsOnlyThatChannel()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        var page = await browser.SignedInPageAsync(app.Address);
        await page.GotoAsync(new Uri(app.Address, "/mentions").ToString());

        await page.GetByLabel("Channel").SelectOptionAsync("reddit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("channel=reddit"));
        var channels = await page.Locator("li.post .channel").AllInnerTextsAsync();
        Assert.NotEmpty(channels);
        Assert.All(channels, c => Assert.Equal("reddit", c, ignoreCase: true));
    }

    [Fact]
    public async Task Mentions_NewHostilePost_AppearsLiveAsPlainText()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        var page = await browser.SignedInPageAsync(app.Address);
        var dialogs = 0;
        page.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };
        await page.GotoAsync(new Uri(app.Address, "/mentions").ToString());
        await Assertions.Expect(page.GetByText("No posts yet in your workspaces")).ToBeVisibleAsync();
        // Let the page's event stream connect before the post arrives.
        await page.WaitForTimeoutAsync(500);

        const string hostile = "<img src=x onerror=alert(1)> the app is down <script>alert(2)</script>";
        var response = await app.PostJsonAsync("/api/posts",
            System.Text.Json.JsonSerializer.Serialize(new { id = "h1", channel = "bluesky", author = "mallory", text = hostile }));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);

        await Assertions.Expect(page.Locator("li.post .text")).ToHaveTextAsync(hostile, new() { Timeout = 15_000 });
        Assert.Equal(0, await page.Locator("li.post img").CountAsync());
        Assert.Equal(0, dialogs);
        await BrowserFixture.ScreenshotAsync(page, "mentions-live-hostile");
    }

    [Fact]
    public async Task Mentions_DownloadCsv_SavesThePostsTheFiltersMatch()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        var posts = Enumerable.Range(0, 12).Select(i => new
        {
            id = $"p{i}", channel = i % 3 == 0 ? "mastodon" : "bluesky", author = $"user{i}",
            text = i == 3 ? "=HYPERLINK(\"https://evil.example\",\"win\"), said \"mallory\"" : $"post number {i}",
            created_at = new DateTime(2026, 3, 1, 10, i, 0, DateTimeKind.Utc),
        });
        var response = await app.PostJsonAsync("/api/posts", System.Text.Json.JsonSerializer.Serialize(posts));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var page = await browser.SignedInPageAsync(app.Address);
        await page.GotoAsync(new Uri(app.Address, "/mentions?channel=mastodon").ToString());
        await BrowserFixture.ScreenshotAsync(page, "mentions-download-csv");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);

        Assert.Matches(@"^posts-\d{8}-\d{4}\.csv$", download.SuggestedFilename);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,workspace,channel,", lines[0], StringComparison.Ordinal);
        // Posts 0, 3, 6 and 9 are mastodon's; the formula is defused and its quotes doubled.
        Assert.Equal(4, lines.Length - 1);
        Assert.All(lines[1..], line => Assert.Contains(",mastodon,", line, StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"win\"\"), said \"\"mallory\"\"\",", text, StringComparison.Ordinal);
    }
}
