using System.Text.RegularExpressions;
using Earshot.Demo;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>The care inbox walked as its users: agents, a lead and an analyst of the demo workspace.</summary>
public sealed class InboxPageTests(BrowserFixture browser, PostgresServer postgres)
{
    private const string Ana = "ana@aurora.example";
    private const string Ben = "ben@aurora.example";

    [Fact]
    public async Task An_agent_takes_the_next_case_replies_with_a_canned_reply_and_resolves_it()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        var page = await browser.SignedInPageAsync(app.Address, Ana, DemoPeople.Password);
        await page.GotoAsync(new Uri(app.Address, "/inbox").ToString());
        await Assertions.Expect(page.Locator("tr.case-row").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(page, "inbox-queue");

        await page.GetByRole(AriaRole.Button, new() { Name = "Take next case" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/cases/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator(".facts-line")).ToContainTextAsync("Ana Agent");
        await page.GetByLabel("Canned reply").SelectOptionAsync(new SelectOptionValue { Label = "Sorry, looking into it" });
        await Assertions.Expect(page.GetByLabel("Reply", new() { Exact = true })).ToHaveValueAsync(new Regex("^Hi .+, sorry about this.*Ana$"));
        await page.Locator("#reply-after").SelectOptionAsync("resolved"); // by id: a subject can contain "then"
        await BrowserFixture.ScreenshotAsync(page, "case-reply");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reply sent.");
        await Assertions.Expect(page.Locator("#case-status")).ToHaveTextAsync("resolved");
        await Assertions.Expect(page.Locator(".entry-agent .text").Last).ToContainTextAsync("sorry about this");
        await BrowserFixture.ScreenshotAsync(page, "case-resolved");
    }

    [Fact]
    public async Task A_second_agent_sees_who_is_viewing_and_who_is_replying()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        var ana = await browser.SignedInPageAsync(app.Address, Ana, DemoPeople.Password);
        await ana.GotoAsync(new Uri(app.Address, "/inbox").ToString());
        await Assertions.Expect(ana.Locator("tr.case-row").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var caseUrl = new Uri(app.Address, "/cases/" + await ana.Locator("tr.case-row").First.GetAttributeAsync("data-case")).ToString();
        await ana.GotoAsync(caseUrl);

        var ben = await browser.SignedInPageAsync(app.Address, Ben, DemoPeople.Password);
        await ben.GotoAsync(caseUrl);
        await Assertions.Expect(ben.Locator("#presence")).ToContainTextAsync("Ana Agent is viewing");
        await Assertions.Expect(ana.Locator("#presence")).ToContainTextAsync("Ben Agent is viewing");

        await ana.GetByLabel("Reply", new() { Exact = true }).FillAsync("Let me check the outage map for you");
        await Assertions.Expect(ben.Locator("#presence")).ToContainTextAsync("Ana Agent is replying");
        await BrowserFixture.ScreenshotAsync(ben, "case-presence");

        // Ana sends first; Ben's reply, written before he saw hers, asks for confirmation.
        await ben.GetByLabel("Reply", new() { Exact = true }).FillAsync("Checking now");
        await ana.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(ana.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reply sent.");
        await ben.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(ben.Locator("#collision")).ToContainTextAsync("Ana Agent replied");
        await ben.GetByLabel("Send my reply anyway").CheckAsync();
        await ben.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(ben.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reply sent.");
    }

    [Fact]
    public async Task A_lead_changes_routing_and_sla()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        var page = await browser.SignedInPageAsync(app.Address, "lead@aurora.example", DemoPeople.Password);
        await page.GotoAsync(new Uri(app.Address, "/settings").ToString());

        var rule = page.Locator("#rule-form");
        await rule.GetByLabel("Rule name").FillAsync("legal threats");
        await rule.GetByLabel("Team").SelectOptionAsync("Product");
        await rule.GetByLabel("Severities").FillAsync("legal, lawsuit");
        await rule.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Assertions.Expect(rule.Locator(".error-list")).ToContainTextAsync("lawsuit");

        await rule.GetByLabel("Severities").FillAsync("legal");
        await rule.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rules")).ToContainTextAsync("legal threats");

        var sla = page.Locator("#sla-form");
        await sla.GetByLabel("Policy name").FillAsync("network urgent");
        await sla.GetByLabel("Team").SelectOptionAsync("Network");
        await sla.GetByLabel("First response (min)").FillAsync("15");
        await sla.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Assertions.Expect(page.Locator("#slas")).ToContainTextAsync("network urgent");
        await Assertions.Expect(page.Locator("#slas")).ToContainTextAsync("15 min");
        await BrowserFixture.ScreenshotAsync(page, "settings-lead");
    }

    [Fact]
    public async Task An_analyst_reads_cases_and_reports_but_cannot_reply()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        var page = await browser.SignedInPageAsync(app.Address, "ann@aurora.example", DemoPeople.Password);
        await page.GotoAsync(new Uri(app.Address, "/inbox").ToString());
        await Assertions.Expect(page.Locator("tr.case-row").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Take next case" })).ToHaveCountAsync(0);

        await page.Locator("tr.case-row a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#read-only")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send reply" })).ToHaveCountAsync(0);

        await page.GotoAsync(new Uri(app.Address, "/settings").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();

        await page.GotoAsync(new Uri(app.Address, "/reports/fairness").ToString());
        await Assertions.Expect(page.Locator("#parity")).ToContainTextAsync("Parity");
        await Assertions.Expect(page.Locator("table.tiers").First).ToContainTextAsync("<100");
        await BrowserFixture.ScreenshotAsync(page, "fairness-report");
    }
}
