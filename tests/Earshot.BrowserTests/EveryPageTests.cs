using System.Net.Http.Json;
using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>
/// Every page of the demo, as an admin sees it on a phone and at a desk: its title names it, nothing scrolls sideways,
/// axe-core finds no serious or critical violation, Tab reaches every control, and no request the page makes fails
/// (the favicon included). Every
/// page is checked before the test fails, so one run lists everything to fix.
/// </summary>
public sealed class EveryPageTests(BrowserFixture browser, PostgresServer postgres)
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 1000)]
    public async Task EveryPage_NamesItself_FitsTheScreen_IsAxeClean_WorksFromTheKeyboard_AndLoadsEverything(int width, int height)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        var caseId = (await app.Http.GetFromJsonAsync<JsonElement>("/api/cases?status=open")).GetProperty("items")[0].GetProperty("id").GetString();
        var postId = (await app.Http.GetFromJsonAsync<JsonElement>("/api/posts?limit=1")).GetProperty("items")[0].GetProperty("id").GetString();
        var page = await browser.SignedInPageAsync(app.Address);
        await page.SetViewportSizeAsync(width, height);
        var failedRequests = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.Contains("/no-such-page", StringComparison.Ordinal) && !response.Url.Contains("/cases/00000000", StringComparison.Ordinal))
                failedRequests.Add($"{response.Status} {response.Url}");
        };
        var problems = new List<string>();

        foreach (var (path, title) in new[]
        {
            ("/inbox", "Inbox"), ($"/cases/{caseId}", "Case"), ("/mentions", "Mentions"), ($"/posts/{postId}", "Post"), ("/search?q=refund", "Search"),
            ("/alerts", "Alerts"), ("/topics", "Topics"), ("/channels", "Channels"), ("/settings", "Settings"), ("/users", "People"),
            ("/audit", "Audit"), ("/reports/fairness", "Fairness"), ("/models", "Models"), ("/insights", "Insights"),
            ("/no-such-page", "Not found"), ("/cases/00000000-0000-0000-0000-000000000001", "Not found"),
        })
        {
            await page.GotoAsync(new Uri(app.Address, path).ToString());
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await CheckAsync(page, path, title, width, problems);
        }

        // Signed out: the login page, and Back does not show the app again.
        await page.GotoAsync(new Uri(app.Address, "/inbox").ToString());
        await BrowserFixture.OpenMenuOnAPhoneAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (!page.Url.Contains("/login", StringComparison.Ordinal))
            problems.Add($"Sign out led to {page.Url}: {await page.Locator("body").InnerTextAsync()}");
        else
        {
            await CheckAsync(page, "/login", "Sign in", width, problems);
            await page.GoBackAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (!page.Url.Contains("/login", StringComparison.Ordinal))
                problems.Add($"Back after signing out showed {page.Url}");
        }

        problems.AddRange(failedRequests.Select(r => "a request failed: " + r));
        Assert.True(problems.Count == 0, $"at {width} px:\n" + string.Join("\n", problems));
    }

    private static async Task CheckAsync(IPage page, string path, string title, int width, List<string> problems)
    {
        var shown = await page.TitleAsync();
        if (!shown.StartsWith(title, StringComparison.Ordinal) || !shown.EndsWith("Earshot", StringComparison.Ordinal))
            problems.Add($"{path}: the title is '{shown}', not '{title} … Earshot'");
        problems.AddRange((await BrowserFixture.UsabilityProblemsAsync(page)).Select(problem => $"{path}: {problem}"));
        await BrowserFixture.ScreenshotAsync(page, $"every-page{path.Split('?')[0].Replace('/', '-')}-{width}");
        problems.AddRange((await BrowserFixture.UnreachableByKeyboardAsync(page)).Select(control => $"{path}: Tab never reaches {control}"));
    }
}
