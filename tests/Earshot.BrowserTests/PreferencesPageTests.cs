using System.Net;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>A user picks German and Tokyo time on a phone and at a desk: the next pages speak German and show Tokyo's clock.</summary>
public sealed class PreferencesPageTests(BrowserFixture browser, PostgresServer postgres)
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 1000)]
    public async Task AUser_ChoosesGermanAndTokyoTime_AndEveryPageFollows(int width, int height)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        var page = await browser.SignedInPageAsync(app.Address);
        await page.SetViewportSizeAsync(width, height);
        await BrowserFixture.OpenMenuOnAPhoneAsync(page);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Your preferences$") }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Your preferences · Earshot");
        await BrowserFixture.AssertUsableAsync(page, $"preferences at {width} px");

        await page.GetByLabel("Language").SelectOptionAsync("de");
        await page.Locator("select[name=TimeZone]").SelectOptionAsync("Asia/Tokyo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Gespeichert");
        Assert.Equal("de", await page.Locator("html").GetAttributeAsync("lang"));
        await BrowserFixture.ScreenshotAsync(page, $"preferences-de-{width}");
        await page.GotoAsync(new Uri(app.Address, "/audit").ToString());
        await BrowserFixture.OpenMenuOnAPhoneAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Posteingang" })).ToBeVisibleAsync();
        // The sign-in just recorded is shown on Tokyo's clock, in German.
        await Assertions.Expect(page.Locator("time[data-local]").First).ToContainTextAsync("GMT+9");
        // Channel kinds' settings are described in German too (ChannelSetupStrings), not in ChannelSetups' English.
        await page.GotoAsync(new Uri(app.Address, "/channels").ToString());
        await Assertions.Expect(page.Locator("label[for=setting-rss-url]")).ToHaveTextAsync("Feed-URL (Pflichtfeld)");

        // Back to the browser's choices: a German browser still gets German, an English one English.
        await page.GotoAsync(new Uri(app.Address, "/account/preferences").ToString());
        await page.GetByLabel("Sprache").SelectOptionAsync("");
        await page.Locator("select[name=TimeZone]").SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        var german = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "de-DE" });
        var germanPage = await german.NewPageAsync();
        await germanPage.GotoAsync(new Uri(app.Address, "/login").ToString());
        Assert.Equal("de", await germanPage.Locator("html").GetAttributeAsync("lang"));
        await german.DisposeAsync();
    }

    [Fact]
    public async Task AZoneOrLanguageEarshotDoesNotKnow_IsRefusedOnThePage_AndChangesNothing()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        using var session = await SignInSession.StartAsync(app.Address, TestApp.AdminEmail, "password-admin");

        var zone = await session.PostFormAsync("/account/preferences", new() { ["Language"] = "de", ["TimeZone"] = "Mars/Olympus" });
        var language = await session.PostFormAsync("/account/preferences", new() { ["Language"] = "tlh", ["TimeZone"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, zone.StatusCode);
        Assert.Contains("&#x27;Mars/Olympus&#x27; is not a time zone", await zone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, language.StatusCode);
        Assert.Contains("<html lang=\"en\">", await session.Client.GetStringAsync("/account/preferences"), StringComparison.Ordinal);
    }
}
