using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>
/// A lead edits and deletes a routing rule (after a confirmation), is told which form field is wrong by its label,
/// renames a topic onto an existing name and is asked instead of overwriting, and pauses and resumes a channel — on a
/// phone and at a desk, from the keyboard where it matters, axe-clean.
/// </summary>
public sealed class LeadEditsSettingsTests(BrowserFixture browser, PostgresServer postgres)
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 1000)]
    public async Task ALead_EditsARoutingRule_ThenDeletesItAfterConfirming(int width, int height)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        var lead = await app.ClientForAsync("lea@brand.test", "lead", "default");
        foreach (var team in new[] { "Care", "Billing" })
            (await lead.PostAsJsonAsync("/api/teams", new { name = team })).EnsureSuccessStatusCode();
        (await lead.PostAsJsonAsync("/api/routing-rules", new { name = "complaints", team = "Care", intents = new[] { "complaint" } })).EnsureSuccessStatusCode();
        var page = await browser.SignedInPageAsync(app.Address, "lea@brand.test", "password-lead");
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(new Uri(app.Address, "/settings").ToString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit complaints" }).ClickAsync();
        var form = page.Locator("#rule-form");
        await Assertions.Expect(form.GetByLabel("Rule name")).ToHaveValueAsync("complaints");
        await Assertions.Expect(form.GetByLabel("Intents")).ToHaveValueAsync("complaint");
        await form.GetByLabel("Rule name").FillAsync("billing complaints");
        await form.GetByLabel("Team").SelectOptionAsync("Billing");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        var row = page.Locator("#rules tbody tr").Filter(new() { HasText = "billing complaints" });
        await Assertions.Expect(row).ToContainTextAsync("Billing");
        await Assertions.Expect(page.Locator("#rules tbody tr")).ToHaveCountAsync(1);

        // Switched off, the rule stays listed, marked off, and routes nothing until switched on again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit billing complaints" }).ClickAsync();
        var enabled = form.GetByLabel("Enabled: routes new cases");
        await Assertions.Expect(enabled).ToBeCheckedAsync();
        await enabled.UncheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(row.Locator(".rule-off")).ToHaveTextAsync("off");
        Assert.Contains("\"enabled\":false", await lead.GetStringAsync("/api/routing-rules"), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit billing complaints" }).ClickAsync();
        await Assertions.Expect(enabled).Not.ToBeCheckedAsync();
        await enabled.CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(row.Locator(".rule-off")).ToHaveCountAsync(0);

        // From the keyboard: the confirmation opens on Enter and Escape keeps the rule.
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete billing complaints" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("billing complaints");
        await Assertions.Expect(dialog).ToContainTextAsync("new cases are routed by the remaining rules");
        await BrowserFixture.ScreenshotAsync(page, $"settings-delete-confirm-{width}");
        await AxeCleanAsync(page);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(row).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete billing complaints" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#rules tbody tr")).ToHaveCountAsync(0);
        await NoSidewaysScrollAsync(page, width);
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 1000)]
    public async Task ASettingsError_NamesTheLabelThePersonSees_AndIsTiedToItsInput(int width, int height)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        await app.ClientForAsync("lea@brand.test", "lead", "default");
        var page = await browser.SignedInPageAsync(app.Address, "lea@brand.test", "password-lead");
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(new Uri(app.Address, "/settings").ToString());

        var form = page.Locator("#sla-form");
        await form.GetByLabel("Policy name").FillAsync("fast");
        await form.GetByLabel("First response (min)").FillAsync("0");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();

        var error = form.Locator(".error-list p");
        await Assertions.Expect(error).ToHaveTextAsync("First response (min): give 1 to 525600 minutes");
        var input = form.GetByLabel("First response (min)");
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-describedby", new Regex(Regex.Escape(await error.GetAttributeAsync("id") ?? "missing")));
        await Assertions.Expect(input).ToBeFocusedAsync();
        await BrowserFixture.ScreenshotAsync(page, $"settings-error-{width}");
        await NoSidewaysScrollAsync(page, width);
        await AxeCleanAsync(page);

        // A business calendar: a time zone that does not exist is named by its label; then made, and changed.
        var calendars = page.Locator("#calendar-form");
        await calendars.GetByLabel("Calendar name").FillAsync("Berlin office");
        await calendars.GetByLabel("Time zone").FillAsync("Mars/Olympus");
        await calendars.GetByRole(AriaRole.Button, new() { Name = "Save calendar" }).ClickAsync();
        await Assertions.Expect(calendars.Locator(".error-list p")).ToContainTextAsync("Time zone: ");
        await Assertions.Expect(calendars.GetByLabel("Time zone")).ToBeFocusedAsync();
        await calendars.GetByLabel("Time zone").FillAsync("Europe/Berlin");
        await calendars.GetByLabel("Holidays").FillAsync("2026-12-25");
        await calendars.GetByRole(AriaRole.Button, new() { Name = "Save calendar" }).ClickAsync();
        var calendarRow = page.Locator("#calendars tbody tr").Filter(new() { HasText = "Berlin office" });
        await Assertions.Expect(calendarRow).ToContainTextAsync("Europe/Berlin");
        await Assertions.Expect(calendarRow).ToContainTextAsync("Friday 09:00-17:00");
        await Assertions.Expect(calendarRow).ToContainTextAsync("Saturday closed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit Berlin office" }).ClickAsync();
        await Assertions.Expect(calendars.GetByLabel("Friday")).ToHaveValueAsync("09:00-17:00");
        await calendars.GetByLabel("Friday").FillAsync("09:00-13:00");
        await calendars.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(calendarRow).ToContainTextAsync("Friday 09:00-13:00");
        await Assertions.Expect(calendarRow).ToContainTextAsync("2026-12-25");
        await NoSidewaysScrollAsync(page, width);
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 1000)]
    public async Task ALead_RenamesATopicOntoAnExistingName_AndIsAskedInsteadOfOverwriting(int width, int height)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        var lead = await app.ClientForAsync("lea@brand.test", "lead", "default");
        (await lead.PostAsJsonAsync("/api/topics", new { name = "Refunds", query = "refund*" })).EnsureSuccessStatusCode();
        (await lead.PostAsJsonAsync("/api/topics", new { name = "Outages", query = "outage" })).EnsureSuccessStatusCode();
        var page = await browser.SignedInPageAsync(app.Address, "lea@brand.test", "password-lead");
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(new Uri(app.Address, "/topics").ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Outages" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change the topic ‘Outages’" })).ToBeVisibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Refunds");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save topic" }).ClickAsync();

        var question = page.Locator("#name-question");
        await Assertions.Expect(question).ToContainTextAsync("A topic named ‘Refunds’ already exists");
        await Assertions.Expect(question).ToContainTextAsync("renaming never overwrites another topic");
        await Assertions.Expect(question.GetByRole(AriaRole.Link, new() { Name = "Change ‘Refunds’ instead" })).ToBeVisibleAsync();
        var rows = page.Locator("table.topics tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasText = "Outages" })).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Filter(new() { HasText = "refund*" })).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, $"topics-rename-question-{width}");
        await NoSidewaysScrollAsync(page, width);
        await AxeCleanAsync(page);
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 1000)]
    public async Task ALead_PausesAndResumesAChannel_AndSeesItsStateInWords(int width, int height)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        var lead = await app.ClientForAsync("lea@brand.test", "lead", "default");
        (await lead.PostAsJsonAsync("/api/channels", new { kind = "webchat", name = "site chat", settings = new { origins = new[] { "https://brand.example" } } })).EnsureSuccessStatusCode();
        var page = await browser.SignedInPageAsync(app.Address, "lea@brand.test", "password-lead");
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(new Uri(app.Address, "/channels").ToString());
        var row = page.Locator("table.channels tbody tr").Filter(new() { HasText = "site chat" });

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause site chat" }).ClickAsync();
        await Assertions.Expect(row.Locator("td[data-label=Status]")).ToHaveTextAsync("paused");
        await BrowserFixture.ScreenshotAsync(page, $"channels-paused-{width}");
        await NoSidewaysScrollAsync(page, width);
        await AxeCleanAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Resume site chat" }).ClickAsync();
        await Assertions.Expect(row.Locator("td[data-label=Status]")).ToHaveTextAsync("ok");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause site chat" })).ToBeVisibleAsync();

        // Editing shows the settings but never the secret: left blank, it keeps its stored value.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit site chat" }).ClickAsync();
        var form = page.Locator("#add-channel");
        await Assertions.Expect(form.Locator("input[name=name]")).ToHaveValueAsync("site chat");
        await Assertions.Expect(form.Locator("#setting-webchat-origins")).ToHaveValueAsync("https://brand.example");
        var secret = form.Locator("#setting-webchat-secret");
        await Assertions.Expect(secret).ToHaveValueAsync("");
        await Assertions.Expect(secret).ToHaveAttributeAsync("placeholder", "set; leave blank to keep it");
        await form.Locator("input[name=name]").FillAsync("help chat");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.channels tbody tr").Filter(new() { HasText = "help chat" })).ToHaveCountAsync(1);
    }

    private static async Task NoSidewaysScrollAsync(IPage page, int width) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            $"{page.Url} scrolls sideways at {width} px");

    private static async Task AxeCleanAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }
}
