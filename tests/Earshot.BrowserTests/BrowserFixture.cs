using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>
/// Debian's Chromium driven by Playwright (a browser download does not work here). Tests skip with a reason when the
/// browser is not installed; CI installs it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            return;
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        if (Browser is null)
            Assert.Skip($"Chromium is not installed at {ChromiumPath}; install the 'chromium' package to run browser tests");
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // Every document records what its Content-Security-Policy blocked, for ScreenshotAsync to check.
        await context.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 160) : '') + ' ' + e.sourceFile + ':' + e.lineNumber));");
        return await context.NewPageAsync();
    }

    /// <summary>A page in a fresh browser context, signed in through the login form.</summary>
    public async Task<IPage> SignedInPageAsync(Uri app, string email = Earshot.IntegrationTests.Infrastructure.TestApp.AdminEmail, string password = "password-admin")
    {
        var page = await NewPageAsync();
        await SignInAsync(page, app, email, password);
        return page;
    }

    public static async Task SignInAsync(IPage page, Uri app, string email, string password)
    {
        await page.GotoAsync(new Uri(app, "/login").ToString());
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The signed-in page's DOM is enough: the steps after this wait for what they use. Waiting for its full load
        // event timed out twice in CI on a loaded machine (30 s), though every test after sign-in passed alone.
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal),
                new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            // Say why: a refused sign-in shows its message on the form, a slow machine shows nothing.
            var shown = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 });
            Assert.Fail($"sign-in as {email} did not leave {page.Url} within 60 s; the page shows: {shown}");
        }
    }

    /// <summary>On a phone the navigation, search and sign-out are behind the header's Menu button: open it.</summary>
    public static async Task OpenMenuOnAPhoneAsync(IPage page)
    {
        var menu = page.Locator("button.menu-toggle");
        if (await menu.IsVisibleAsync() && await menu.GetAttributeAsync("aria-expanded") != "true")
            await menu.ClickAsync();
    }

    /// <summary>What keeps the page from being usable at its width: a sideways scroll, and axe-core's serious or critical violations.</summary>
    public static async Task<List<string>> UsabilityProblemsAsync(IPage page)
    {
        var problems = new List<string>();
        var (wide, width) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        if (wide > width + 1)
            problems.Add($"{page.Url} scrolls sideways ({wide} px wide at {width} px)");
        var axe = await page.RunAxe();
        problems.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})"));
        return problems;
    }

    /// <summary>
    /// The controls a keyboard user cannot reach: every visible link, button, field and summary is marked, Tab is
    /// pressed through the page, and those that never took the focus are listed by their markup. A
    /// radio group counts as reached when one of its buttons was (arrow keys move within it).
    /// </summary>
    public static async Task<List<string>> UnreachableByKeyboardAsync(IPage page)
    {
        var count = await page.EvaluateAsync<int>("""
            () => {
              // The content of a closed <details> is reached by opening it from its summary, which is checked itself.
              const folded = e => { const d = e.closest('details:not([open])'); return d !== null && e !== d.querySelector(':scope > summary'); };
              const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' && !e.closest('[inert], dialog:not([open])') && !folded(e);
              const controls = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
                .filter(e => !e.disabled && shown(e));
              controls.forEach((e, i) => e.dataset.keyboardCheck = i);
              window.__reachedByKeyboard = new Set();
              document.addEventListener('focusin', ev => { const i = ev.target.dataset && ev.target.dataset.keyboardCheck; if (i !== undefined) window.__reachedByKeyboard.add(Number(i)); }, true);
              if (document.activeElement) document.activeElement.blur();
              return controls.length;
            }
            """);
        // Date and time fields take a Tab stop per part (day, month, year…): press until every control was reached or
        // three times as often as there are controls.
        for (var i = 1; i <= count * 3 + 10; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (i % 10 == 0 && await page.EvaluateAsync<int>("() => window.__reachedByKeyboard.size") >= count)
                break;
        }
        return [.. await page.EvaluateAsync<string[]>("""
            () => {
              const marked = [...document.querySelectorAll('[data-keyboard-check]')];
              const reached = e => window.__reachedByKeyboard.has(Number(e.dataset.keyboardCheck));
              return marked.filter(e => !reached(e))
                .filter(e => !(e.type === 'radio' && marked.some(o => o.type === 'radio' && o.name === e.name && reached(o))))
                .map(e => e.outerHTML.slice(0, 160));
            }
            """)];
    }

    /// <summary>Fails unless the page fits its width and is axe-clean (see <see cref="UsabilityProblemsAsync"/>).</summary>
    public static async Task AssertUsableAsync(IPage page, string name)
    {
        var problems = await UsabilityProblemsAsync(page);
        Assert.True(problems.Count == 0, name + ":\n" + string.Join("\n", problems));
    }

    /// <summary>Saves what the page shows, and fails if its security policy blocked anything (the page would be broken).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = false });
        var blocked = await page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");
        Assert.True(blocked.Length == 0, $"{name}: the Content-Security-Policy blocked {string.Join("; ", blocked)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
