using System.Globalization;
using System.Text.RegularExpressions;
using Earshot.Demo;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>The inbox's views, paging, bulk bar, saved views and keys, walked by a lead and by an agent on a phone and at a desk.</summary>
public sealed class InboxViewsPageTests(BrowserFixture browser, PostgresServer postgres)
{
    private const string Lead = "lead@aurora.example";
    private const string Ana = "ana@aurora.example";

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 1000)]
    public async Task ALead_SwitchesViews_PagesToTheEnd_BulkAssignsAndResolves_AndSavesAView(int width, int height)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        var page = await browser.SignedInPageAsync(app.Address, Lead, DemoPeople.Password);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(new Uri(app.Address, "/inbox").ToString());
        await Assertions.Expect(page.Locator("tr.case-row").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var views = page.GetByRole(AriaRole.Navigation, new() { Name = "Inbox views" });

        // Each view's count is the total its list shows.
        foreach (var name in new[] { "Unassigned", "SLA breached", "Open" })
        {
            var link = views.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^" + name + " \\d+$") });
            var count = int.Parse(await link.Locator(".count").InnerTextAsync(), CultureInfo.InvariantCulture);
            await link.ClickAsync();
            await Assertions.Expect(link).ToHaveAttributeAsync("aria-current", "page");
            await Assertions.Expect(page.Locator("#case-total")).ToContainTextAsync(count == 1 ? "1 case" : $"{count} cases");
        }
        await BrowserFixture.ScreenshotAsync(page, $"inbox-views-{width}");
        await AssertAccessibleAsync(page, width);

        // Paging: the week's resolved cases fill several pages; "Next page" follows the cursor until each was shown once.
        await views.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Resolved \\d+$") }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=resolved"));
        var total = int.Parse(Regex.Match(await page.Locator("#case-total").InnerTextAsync(), "\\d+").Value, CultureInfo.InvariantCulture);
        var seen = new HashSet<string>();
        while (true)
        {
            foreach (var id in await page.Locator("tr.case-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.case)"))
                Assert.True(seen.Add(id), $"case {id} shown twice");
            if (await page.Locator("#next-page").CountAsync() == 0)
                break;
            var next = await page.Locator("#next-page").GetAttributeAsync("href");
            await page.Locator("#next-page").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(next!) + "$"));
        }
        Assert.Equal(total, seen.Count);
        Assert.True(total > 50, $"{total} resolved cases fit on one page");
        await page.GetByRole(AriaRole.Link, new() { Name = "First page" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("cursor="));
        await views.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Open \\d+$") }).ClickAsync();

        // Bulk: hand two cases to Ben, then resolve two.
        var boxes = page.Locator("input.select-case");
        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();
        await Assertions.Expect(page.Locator("#bulk-selected")).ToHaveTextAsync("2 cases selected");
        await page.GetByLabel("Assign to").SelectOptionAsync(new SelectOptionValue { Label = "Ben Agent" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign selected" }).ClickAsync();
        await Assertions.Expect(page.Locator("#inbox-message")).ToContainTextAsync("2 assigned.");
        await Assertions.Expect(page.Locator("tr.case-row").Filter(new() { HasText = "Ben Agent" })).Not.ToHaveCountAsync(0);

        var resolvedBefore = await CountOfAsync(views, "Resolved");
        var first = await page.Locator("tr.case-row").Nth(0).GetAttributeAsync("data-case");
        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();
        await page.GetByLabel("New status").SelectOptionAsync("resolved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set status of selected" }).ClickAsync();
        await Assertions.Expect(page.Locator("#inbox-message")).ToContainTextAsync("2 set to the new status.");
        await Assertions.Expect(page.Locator($"tr.case-row[data-case='{first}']")).ToHaveCountAsync(0);
        Assert.Equal(resolvedBefore + 2, await CountOfAsync(views, "Resolved"));
        await BrowserFixture.ScreenshotAsync(page, $"inbox-bulk-{width}");

        // Saved view: the unassigned queue under a name, reopened from the list.
        await views.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Unassigned \\d+$") }).ClickAsync();
        await page.GetByLabel("View name").FillAsync("Nobody's yet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this view" }).ClickAsync();
        await Assertions.Expect(page.Locator("#inbox-message")).ToContainTextAsync("Saved the view");
        await views.GetByRole(AriaRole.Link, new() { Name = "Open", Exact = false }).First.ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("view=unassigned"));
        await page.Locator("#saved-views a").Filter(new() { HasText = "Nobody's yet" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("view=unassigned"));
        await AssertAccessibleAsync(page, width);
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 1000)]
    public async Task AnAgent_MovesWithJAndK_ListsTheKeys_BulkTakesCases_AndCannotHandThemToOthers(int width, int height)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        var page = await browser.SignedInPageAsync(app.Address, Ana, DemoPeople.Password);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(new Uri(app.Address, "/inbox").ToString());
        await Assertions.Expect(page.Locator("tr.case-row").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Only herself to assign to.
        Assert.Equal(["(keep)", "Me"], await page.GetByLabel("Assign to").Locator("option").AllInnerTextsAsync());

        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(page.Locator("tr.case-row").Nth(0).Locator("a.case-link")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(page.Locator("tr.case-row").Nth(1).Locator("a.case-link")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("k");
        await Assertions.Expect(page.Locator("tr.case-row").Nth(0).Locator("a.case-link")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("?");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Close" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Close" })).ToBeFocusedAsync(); // the focus stays inside
        await BrowserFixture.ScreenshotAsync(page, $"inbox-keys-{width}");
        await AssertAccessibleAsync(page, width);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        // Typing in a field is typing, not a shortcut.
        await page.GetByLabel("Tag", new() { Exact = true }).FillAsync("jk?");
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        // x selects the row with the focus; the bulk bar takes both for her.
        await page.Locator("tr.case-row").Nth(0).Locator("a.case-link").FocusAsync();
        await page.Keyboard.PressAsync("x");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("x");
        await Assertions.Expect(page.Locator("#bulk-selected")).ToHaveTextAsync("2 cases selected");
        await page.GetByLabel("Assign to").SelectOptionAsync("me");
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign selected" }).ClickAsync();
        await Assertions.Expect(page.Locator("#inbox-message")).ToContainTextAsync("2 assigned.");
        var mine = page.GetByRole(AriaRole.Navigation, new() { Name = "Inbox views" }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Mine \\d+$") });
        Assert.True(await CountOfAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Inbox views" }), "Mine") >= 2);
        await mine.ClickAsync();
        await page.Locator("#select-all").CheckAsync();
        await page.GetByLabel("New status").SelectOptionAsync("resolved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set status of selected" }).ClickAsync();
        await Assertions.Expect(page.Locator("#inbox-message")).ToContainTextAsync("set to the new status");
        await Assertions.Expect(page.Locator("#case-total")).ToHaveTextAsync("0 cases");

        // Enter opens the case with the focus; r goes to the reply box there.
        await page.GotoAsync(new Uri(app.Address, "/inbox").ToString());
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/cases/[0-9a-f-]{36}$"));
        // The URL changes when the navigation commits; the case page's deferred shortcuts run only once it has loaded.
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.Keyboard.PressAsync("r");
        await Assertions.Expect(page.GetByLabel("Reply", new() { Exact = true })).ToBeFocusedAsync();

        // On the case page too, ? lists the keys that work there; closing gives the focus back.
        await page.Keyboard.PressAsync("Escape");
        await page.GetByRole(AriaRole.Heading).First.ClickAsync();
        await page.Keyboard.PressAsync("?");
        var caseKeys = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Assertions.Expect(caseKeys).ToBeVisibleAsync();
        await Assertions.Expect(caseKeys).ToContainTextAsync("Resolve");
        await Assertions.Expect(caseKeys).Not.ToContainTextAsync("Take the next case");
        await AssertAccessibleAsync(page, width);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(caseKeys).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Keyboard shortcuts (?)" }).ClickAsync();
        await Assertions.Expect(caseKeys).ToBeVisibleAsync();
    }

    private static async Task<int> CountOfAsync(ILocator views, string name) =>
        int.Parse(await views.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^" + name + " \\d+$") }).Locator(".count").InnerTextAsync(), CultureInfo.InvariantCulture);

    private static Task AssertAccessibleAsync(IPage page, int width) => BrowserFixture.AssertUsableAsync(page, $"the inbox at {width} px");
}
