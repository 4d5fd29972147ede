using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Earshot.Digests;
using Earshot.IntegrationTests.Alerts;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Earshot.IntegrationTests.Digests;

/// <summary>
/// Monday morning: every opted-in lead and analyst gets one digest of the week before in their language, with the
/// figures of the insight page, however many passes and nodes queue it; agents and those who did not ask get none.
/// </summary>
public sealed class WeeklyDigestTests(PostgresServer postgres)
{
    // (author, text, days before Monday 08:00)
    private static readonly (string Author, string Text, double DaysBefore)[] Said =
    [
        ("ann", "Love the Aurora app, so easy to use!", 1.2),
        ("ann", "Aurora customer service was brilliant today, thank you", 2.2),
        ("bob", "Aurora my bill is wrong again, terrible", 1.3),
        ("cat", "Switching to Vela, Aurora's prices are a joke", 1.4),
        ("gil", "the battery drains so fast since the Aurora update, awful", 1.5),
        ("hal", "the battery also died on my Aurora phone, I hate it <script>alert('x')</script>", 2.5),
        ("ivy", "Aurora support team never answers, horrible", 4.2),
    ];

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task MondayMorning_OptedInReaders_GetOneDigestEach_InTheirLanguage_WithTheInsightFigures(DatabaseKind kind)
    {
        await using var smtp = new SmtpListener();
        await using var app = await TestApp.StartAsync(kind, postgres, services =>
        {
            AlertTestSetup.Configure(services, smtp.Port);
            // Only the passes this test runs, on its own clock, queue digests.
            services.PostConfigure<DigestOptions>(o => o.Interval = TimeSpan.FromDays(1));
        });
        var week = DigestWeek.Latest(DateTime.UtcNow, null);
        foreach (var (name, query, topicKind) in new[] { ("Aurora", "aurora", "brand"), ("Vela", "vela", "competitor") })
            Assert.Equal(HttpStatusCode.Created, (await app.PostJsonAsync("/api/topics", JsonSerializer.Serialize(new { name, query, kind = topicKind }))).StatusCode);
        var posts = Said.Select((s, i) => new { id = "p" + i, channel = "x", author = s.Author, text = s.Text, lang = "en",
            created_at = week.SendAt.AddDays(-s.DaysBefore).ToString("O", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostJsonAsync("/api/posts", JsonSerializer.Serialize(posts))).StatusCode);
        await app.WaitForPipelineAsync();

        var lead = await app.ClientForAsync("lead@earshot.test", "lead", "default");
        await app.ClientForAsync("analyst@earshot.test", "analyst", "default");
        await app.ClientForAsync("quiet@earshot.test", "analyst", "default");
        await app.ClientForAsync("agent@earshot.test", "agent", "default");
        await OptInOnThePreferencesPageAsync(app, "lead@earshot.test", "password-lead");
        var agentPage = await (await app.PagesAsync("agent@earshot.test", "password-agent")).GetStringAsync("/account/preferences");
        Assert.DoesNotContain("WeeklyDigest", agentPage, StringComparison.Ordinal);
        await using (var db = app.Database.Target.CreateContext())
        {
            // The agent's flag can only come from an old role; the worker still leaves them out.
            await db.Users.Where(u => u.Email == "agent@earshot.test").ExecuteUpdateAsync(s => s.SetProperty(u => u.WeeklyDigest, true));
            await db.Users.Where(u => u.Email == "analyst@earshot.test").ExecuteUpdateAsync(s => s
                .SetProperty(u => u.WeeklyDigest, true).SetProperty(u => u.Language, "de").SetProperty(u => u.TimeZone, "Europe/Berlin"));
        }

        var clock = new FakeTimeProvider(new DateTimeOffset(week.SendAt.AddMinutes(10), TimeSpan.Zero));
        var (one, two) = (Worker(app, clock), Worker(app, clock));
        var raced = await Task.WhenAll(one.QueueDueAsync(CancellationToken.None), two.QueueDueAsync(CancellationToken.None));
        Assert.Equal(2, raced.Sum());
        Assert.Equal(0, await one.QueueDueAsync(CancellationToken.None));

        await Wait.UntilAsync(() => Task.FromResult(smtp.Messages.Count >= 2), "two digests arrived");
        await Task.Delay(1_500, TestContext.Current.CancellationToken); // room for a duplicate, if there were one
        var mails = smtp.Messages.Select(m => (m.To, Mail: MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))).ToList();
        Assert.Equal(2, mails.Count);
        var english = Assert.Single(mails, m => m.To.Any(t => t.Contains("lead@earshot.test", StringComparison.Ordinal))).Mail;
        var german = Assert.Single(mails, m => m.To.Any(t => t.Contains("analyst@earshot.test", StringComparison.Ordinal))).Mail;
        // Plain text only: a post's markup reaches no mail client as HTML.
        Assert.All(mails, m => Assert.Null(m.Mail.HtmlBody));

        var report = await TestApp.ReadJsonAsync(await lead.GetAsync(
            $"/api/insights?from={Uri.EscapeDataString(week.From.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(week.To.ToString("O", CultureInfo.InvariantCulture))}"));
        var text = english.TextBody;
        var en = CultureInfo.GetCultureInfo("en");
        Assert.Contains($"Posts: {report.GetProperty("posts").GetProperty("posts").GetInt64().ToString("N0", en)} (", text, StringComparison.Ordinal);
        var gripe = report.GetProperty("gripes")[0];
        Assert.Contains($"- {gripe.GetProperty("aspect").GetString()}: {gripe.GetProperty("posts").GetInt64().ToString("N0", en)} posts", text, StringComparison.Ordinal);
        Assert.Contains("- to Vela: ", text, StringComparison.Ordinal);
        foreach (var heading in new[] { "Top gripes", "Top delights", "Switchers", "Share of voice", "Alerts", "SLA attainment" })
            Assert.Contains(heading, text, StringComparison.Ordinal);
        Assert.Contains("/insights?period=custom&from=", text, StringComparison.Ordinal);

        foreach (var heading in new[] { "Häufigste Beschwerden", "Was begeistert", "Wechselwillige", "SLA-Erfüllung" })
            Assert.Contains(heading, german.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("Earshot-Wochenbericht", german.Subject, StringComparison.Ordinal);
    }

    private static DigestWorker Worker(TestApp app, TimeProvider clock) =>
        ActivatorUtilities.CreateInstance<DigestWorker>(app.Services, clock);

    private static async Task OptInOnThePreferencesPageAsync(TestApp app, string email, string password)
    {
        var pages = await app.PagesAsync(email, password);
        var form = await pages.GetStringAsync("/account/preferences");
        Assert.Contains("name=\"WeeklyDigest\"", form, StringComparison.Ordinal);
        var saved = await pages.PostAsync("/account/preferences", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Language"] = "", ["TimeZone"] = "", ["WeeklyDigest"] = "true", ["__RequestVerificationToken"] = SignInSession.FormTokenIn(form),
        }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Matches("name=\"WeeklyDigest\"[^>]*checked", await pages.GetStringAsync("/account/preferences"));
    }
}
