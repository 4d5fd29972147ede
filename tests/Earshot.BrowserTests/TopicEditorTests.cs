using System.Text.RegularExpressions;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>A lead writes a topic, sees what it would have matched as they type, chooses its kind and saves it.</summary>
public sealed class TopicEditorTests(BrowserFixture browser, PostgresServer postgres)
{
    [Fact]
    public async Task TopicEditor_TestsTheQueryAsYouType_ThenSavesWithKindAndBackfill()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        var page = await browser.SignedInPageAsync(app.Address);
        await page.GotoAsync(new Uri(app.Address, "/topics").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Billing", Exact = true }).First).ToBeVisibleAsync();

        await page.GetByLabel("Query").FillAsync("(refund OR bill*");
        await Assertions.Expect(page.Locator("#tester-status")).ToContainTextAsync("Expected ')' at column 17");

        await page.GetByLabel("Query").FillAsync("refund NOT thank*");
        await Assertions.Expect(page.Locator("#tester-status")).ToHaveTextAsync(new Regex(@"^\d+ of \d+ posts in the last 30 days match"));
        await Assertions.Expect(page.Locator("#tester-samples mark").First).ToHaveTextAsync(new Regex("^refund$", RegexOptions.IgnoreCase));
        await Assertions.Expect(page.Locator("#tester-x-rule")).ToHaveTextAsync("X stream rule: refund (broader on X, filtered locally: NOT left out, since X cannot exclude exactly: thank* left out (X has no wildcards or prefix matching))");
        await BrowserFixture.ScreenshotAsync(page, "topic-editor-tester");

        await page.GetByLabel("Name").FillAsync("Refunds waiting");
        await page.GetByLabel("Owning team").FillAsync("Billing");
        await page.GetByLabel("Kind", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Campaign" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save topic" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(new Regex(@"Saved 'Refunds waiting' and matched \d+ stored post"));
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Refunds waiting" });
        await Assertions.Expect(row).ToContainTextAsync("Billing");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell, new() { Name = "Campaign", Exact = true })).ToBeVisibleAsync();
        var nimbus = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Nimbus Telecom" });
        await Assertions.Expect(nimbus.GetByRole(AriaRole.Cell, new() { Name = "Competitor", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("td.x-rule")).ToContainTextAsync("refund broader on X, filtered locally");
        await row.GetByRole(AriaRole.Link, new() { Name = "Refunds waiting", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("topic=Refunds"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mentions" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("li.post .badge.topic", new() { HasText = "Refunds waiting" }).First).ToBeVisibleAsync();
        Assert.All(await page.Locator("li.post .text").AllInnerTextsAsync(), text => Assert.Contains("refund", text, StringComparison.OrdinalIgnoreCase));
    }
}
