using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>An admin reads the audit log on a phone and at a desk: filters, a readable table, no markup from attackers, axe-clean.</summary>
public sealed class AuditPageTests(BrowserFixture browser, PostgresServer postgres)
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 900)]
    public async Task AnAdmin_FiltersTheLog_AndSeesWhatWasTypedAsText(int width, int height)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        using (var guesser = new SignInSession(app.Address))
            await guesser.SignInAsync("<img src=x onerror=alert(1)>@evil.test", "a guess");
        var page = await browser.SignedInPageAsync(app.Address);
        await page.SetViewportSizeAsync(width, height);

        await BrowserFixture.OpenMenuOnAPhoneAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/audit$"));
        await Assertions.Expect(page.Locator(".audit-log tbody tr").First).ToBeVisibleAsync();
        // The browser tells the form its zone, so times typed in the filter are read as the user meant them.
        Assert.False(string.IsNullOrEmpty(await page.Locator("input[name=tz]").InputValueAsync()));

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Event" }).SelectOptionAsync("auth.sign-in-failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("kind=auth.sign-in-failed"));
        var failed = page.Locator(".audit-log tbody tr");
        await Assertions.Expect(failed).ToHaveCountAsync(1);
        await Assertions.Expect(failed.First).ToContainTextAsync("<img src=x onerror=alert(1)>@evil.test");
        await Assertions.Expect(failed.First).ToContainTextAsync("unknown_account");
        Assert.Equal(0, await page.Locator(".audit-log img").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, $"audit-{width}");
        // Nothing on the page is wider than the screen, and axe finds nothing serious.
        await BrowserFixture.AssertUsableAsync(page, $"the audit page at {width} px");
    }

    [Fact]
    public async Task ALead_SeesNoAuditLink_AndIsRefusedThePage()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        await app.ClientForAsync("lea@brand.test", "lead", "default");
        var page = await browser.SignedInPageAsync(app.Address, "lea@brand.test", "password-lead");

        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).CountAsync());
        var response = await page.GotoAsync(new Uri(app.Address, "/audit").ToString());
        Assert.Equal(403, response!.Status);
        // Refused in place, on the error page every refused page shows; the address stays the one asked for.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(app.Address, "/audit").ToString());
    }
}
