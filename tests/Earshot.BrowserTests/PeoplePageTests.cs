using System.Net.Http.Json;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>
/// A lead or admin runs the team from /users on a phone and at a desk: invites someone who sets a password with the
/// link in another browser and signs in; moves an agent between teams, changes their capacity, and deactivates them
/// after confirming. Axe-clean, no sideways scroll.
/// </summary>
public sealed class PeoplePageTests(BrowserFixture browser, PostgresServer postgres)
{
    [Theory]
    [InlineData(390, 844, "lead")]
    [InlineData(1440, 1000, "admin")]
    public async Task Invite_TheLinkInASecondBrowser_SetsAPasswordAndSignsIn(int width, int height, string role)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        await app.EnsureWorkspaceAsync("default");
        var email = role == "admin" ? TestApp.AdminEmail : "lea@brand.test";
        await app.ClientForAsync(email, role, "default");
        var page = await browser.SignedInPageAsync(app.Address, email, "password-" + role);
        await page.SetViewportSizeAsync(width, height);

        await BrowserFixture.OpenMenuOnAPhoneAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "People" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/users$"));
        var invite = page.Locator("#invite-form");
        await invite.GetByLabel("E-mail").FillAsync("nia@brand.test");
        await invite.GetByLabel("Name").FillAsync("Nia <b>Ng</b>");
        await invite.GetByLabel("Capacity (open cases)").FillAsync("4");
        await invite.GetByLabel("default").CheckAsync();
        await invite.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Invited nia@brand.test");
        var link = await page.GetByLabel("Set-password link").InputValueAsync();
        Assert.Contains("/account/set-password?token=", link, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#people tr[data-email='nia@brand.test']")).ToContainTextAsync("Nia <b>Ng</b>");
        await Assertions.Expect(page.Locator("#people tr[data-email='nia@brand.test']")).ToContainTextAsync("invited");
        await CheckAsync(page, $"people-invite-{role}-{width}");

        var newcomer = await browser.NewPageAsync();
        await newcomer.SetViewportSizeAsync(width, height);
        await newcomer.GotoAsync(link);
        await newcomer.GetByLabel("New password").FillAsync("nia-chooses-this");
        await newcomer.GetByLabel("Repeat the password").FillAsync("nia-chooses-this");
        await CheckAsync(newcomer, $"set-password-{width}");
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(newcomer.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is set");
        await newcomer.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await BrowserFixture.SignInAsync(newcomer, app.Address, "nia@brand.test", "nia-chooses-this");
        await Assertions.Expect(newcomer.Locator(".whoami")).ToContainTextAsync("agent");
    }

    [Theory]
    [InlineData(390, 844, "admin")]
    [InlineData(1440, 1000, "lead")]
    public async Task AnAgent_MovesTeamAndCapacity_AndIsDeactivatedAfterConfirming(int width, int height, string role)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        await app.EnsureWorkspaceAsync("default");
        var email = role == "admin" ? TestApp.AdminEmail : "lea@brand.test";
        await app.ClientForAsync(email, role, "default");
        await app.ClientForAsync("ana@brand.test", "agent", "default");
        foreach (var team in new[] { "Care", "Billing" })
            Assert.True((await app.Http.PostAsJsonAsync("/api/teams", new { workspace = "default", name = team })).IsSuccessStatusCode);
        var care = System.Text.Json.JsonDocument.Parse(await app.Http.GetStringAsync("/api/teams?workspace=default")).RootElement
            .EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Care").GetProperty("id").GetGuid();
        Assert.True((await app.Http.PostAsJsonAsync($"/api/teams/{care}/members", new { email = "ana@brand.test" })).IsSuccessStatusCode);
        var page = await browser.SignedInPageAsync(app.Address, email, "password-" + role);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(new Uri(app.Address, "/users").ToString());
        var row = page.Locator("#people tr[data-email='ana@brand.test']");

        await row.GetByRole(AriaRole.Link, new() { Name = "Edit ana@brand.test" }).ClickAsync();
        await page.Locator("#edit-form").GetByLabel("Capacity (open cases)").FillAsync("3");
        await page.Locator("#edit-form").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved ana@brand.test");
        await Assertions.Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("3");

        var billing = page.Locator("article[data-team='Billing']");
        await billing.GetByLabel("Person").SelectOptionAsync("ana@brand.test");
        await billing.GetByRole(AriaRole.Button, new() { Name = "Add to team" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added ana@brand.test to the team");
        await page.Locator("article[data-team='Care']").GetByRole(AriaRole.Button, new() { Name = "Remove ana@brand.test from Care" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Took ana@brand.test off the team");
        await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("Billing");

        await row.GetByRole(AriaRole.Link, new() { Name = "Deactivate ana@brand.test" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Deactivate ana@brand.test?" })).ToBeVisibleAsync();
        await CheckAsync(page, $"people-confirm-{role}-{width}");
        await page.Locator(".confirm").GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deactivated ana@brand.test");
        await Assertions.Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("deactivated");
        await CheckAsync(page, $"people-{role}-{width}");
        using var refused = new SignInSession(app.Address);
        Assert.NotEqual(System.Net.HttpStatusCode.Redirect, (await refused.SignInAsync("ana@brand.test", "password-agent")).StatusCode);
    }

    /// <summary>Screenshot, no sideways scroll, and no serious or critical axe violation.</summary>
    private static async Task CheckAsync(IPage page, string name)
    {
        await BrowserFixture.ScreenshotAsync(page, name);
        await BrowserFixture.AssertUsableAsync(page, name);
    }
}
