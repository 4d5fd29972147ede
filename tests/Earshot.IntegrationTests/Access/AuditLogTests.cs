using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.Core.Access;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Access;

/// <summary>
/// Every audited category is written by doing the real thing (the login form, the API, the `earshot` CLI) and read
/// back through GET /api/audit; only admins read it; paging returns every row once; bad parameters are 400s.
/// </summary>
public sealed class AuditLogTests(PostgresServer postgres)
{
    private const string Lead = "lea@brand.test";

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task EveryCategory_IsRecordedByTheRealAction_AndReadBack(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.ClientForAsync(Lead, "lead", "default");
        var adminId = await app.UserIdAsync(TestApp.AdminEmail);

        // Sign-ins: one that works, one with a wrong password, one for no account, and five wrong in a row (a lockout).
        using (var browser = new SignInSession(app.Address))
        {
            await browser.SignInOrFailAsync(Lead, "password-lead");
            await browser.SignOutAsync();
        }
        using (var guesser = new SignInSession(app.Address))
        {
            await guesser.SignInAsync("nobody@brand.test", "guess-one");
            for (var i = 0; i < 5; i++)
                await guesser.SignInAsync(Lead, "not-the-password-" + i);
        }

        // Users, from the command line: a role and password change, a deactivation and a reactivation.
        foreach (var args in new[]
        {
            new[] { "users", "add", Lead, "--role", "agent", "--password", "another-password" },
            ["users", "deactivate", Lead],
            ["users", "reactivate", Lead],
        })
        {
            var run = await EarshotProcess.RunAsync([.. args, "--db", app.Database.DbArgument]);
            Assert.True(run.ExitCode == 0, string.Join(' ', args) + ": " + run.Error);
        }

        // Through the API, as the admin.
        await OkAsync(app.Http.PostAsJsonAsync("/api/teams", new { name = "care" }));
        var team = (await app.GetJsonAsync("/api/teams"))[0].GetProperty("id").GetGuid();
        await OkAsync(app.Http.PostAsJsonAsync($"/api/teams/{team}/members", new { email = Lead, lead = true }));
        var created = await TestApp.ReadJsonAsync(await OkAsync(app.Http.PostAsJsonAsync("/api/me/tokens", new { name = "crm sync", scope = "read" })));
        await OkAsync(app.Http.DeleteAsync($"/api/me/tokens/{created.GetProperty("id").GetGuid()}"));
        var channel = await TestApp.ReadJsonAsync(await OkAsync(app.Http.PostAsJsonAsync("/api/channels", new
        {
            kind = "rss", workspace = "default", name = "blog", settings = new { url = "https://blog.brand.example/feed.xml", interval_seconds = 3600 },
        })));
        await OkAsync(app.Http.DeleteAsync($"/api/channels/{channel.GetProperty("id").GetGuid()}"));
        var webhook = await TestApp.ReadJsonAsync(await OkAsync(app.Http.PostAsJsonAsync("/api/webhooks", new
        {
            url = "https://hooks.brand.example/services/SECRET-PATH?token=SECRET-QUERY", secret = "a-shared-secret-of-some-length",
        })));
        await OkAsync(app.Http.DeleteAsync($"/api/webhooks/{webhook.GetProperty("id").GetGuid()}"));
        await OkAsync(app.Http.PostAsJsonAsync("/api/routing-rules", new { name = "money", team = "care", severities = new[] { "billing" } }));
        var rule = (await app.GetJsonAsync("/api/routing-rules"))[0].GetProperty("id").GetGuid();
        await OkAsync(app.Http.DeleteAsync($"/api/routing-rules/{rule}"));
        await OkAsync(app.Http.PostAsJsonAsync("/api/calendars", new { name = "office", time_zone = "Europe/Paris" }));
        await OkAsync(app.Http.PostAsJsonAsync("/api/sla-policies", new { name = "standard", first_response_minutes = 60, next_response_minutes = 120, resolution_minutes = 1440, calendar = "office" }));
        await OkAsync(app.Http.PostAsJsonAsync("/api/canned-replies", new { name = "sorry", body = "Sorry about that." }));
        await OkAsync(app.Http.PutAsJsonAsync("/api/case-policy", new { fallback_team = "care", policy = new { sla_warning_minutes = 20 } }));
        var topic = await TestApp.ReadJsonAsync(await OkAsync(app.Http.PostAsJsonAsync("/api/topics", new { name = "outage", query = "outage OR down" })));
        await OkAsync(app.Http.DeleteAsync($"/api/topics/{topic.GetProperty("topic").GetProperty("id").GetGuid()}"));

        // Private-host allowances are written by the outbound guard itself; the log only shows them.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<Earshot.Storage.EarshotDbContext>>().CreateDbContextAsync())
        {
            db.AuditEvents.Add(new AuditEvent { Kind = AuditKinds.PrivateHostAllowed, ActorId = adminId, At = DateTime.UtcNow, DataJson = """{"host":"intranet.brand.lan"}""" });
            await db.SaveChangesAsync();
        }

        var events = (await app.GetJsonAsync("/api/audit?limit=500")).GetProperty("items").EnumerateArray().ToList();
        JsonElement One(string kind, Func<JsonElement, bool>? where = null)
        {
            var found = events.Where(e => e.GetProperty("kind").GetString() == kind && (where is null || where(e.GetProperty("data")))).ToList();
            Assert.True(found.Count > 0, $"no {kind} event among: {string.Join(", ", events.Select(e => e.GetProperty("kind").GetString()))}");
            return found[0];
        }
        static string? Text(JsonElement data, string name) => data.TryGetProperty(name, out var value) ? value.ToString() : null;

        var signIn = One(AuditKinds.SignIn);
        Assert.Equal(Lead, signIn.GetProperty("actor").GetString());
        Assert.Equal("127.0.0.1", Text(signIn.GetProperty("data"), "remote_address"));
        Assert.Equal(Lead, One(AuditKinds.SignOut).GetProperty("actor").GetString());
        One(AuditKinds.SignInFailed, d => Text(d, "email") == "nobody@brand.test" && Text(d, "reason") == "unknown_account");
        One(AuditKinds.SignInFailed, d => Text(d, "email") == Lead && Text(d, "reason") == "wrong_password");
        One(AuditKinds.LockedOut, d => Text(d, "email") == Lead);
        var roleChange = One(AuditKinds.RoleChanged, d => Text(d, "user") == Lead);
        Assert.Equal("lead", Text(roleChange.GetProperty("data"), "before"));
        Assert.Equal("agent", Text(roleChange.GetProperty("data"), "after"));
        Assert.Equal("cli", roleChange.GetProperty("actor").GetString());
        Assert.Equal(JsonValueKind.Null, roleChange.GetProperty("actor_id").ValueKind);
        One(AuditKinds.PasswordChanged, d => Text(d, "user") == Lead);
        One(AuditKinds.Deactivated, d => Text(d, "user") == Lead);
        One(AuditKinds.Reactivated, d => Text(d, "user") == Lead);
        One(AuditKinds.WorkspaceMemberAdded, d => Text(d, "user") == Lead);
        One(AuditKinds.TeamMemberAdded, d => Text(d, "user") == Lead && Text(d, "team") == "care");
        Assert.Equal(TestApp.AdminEmail, One(AuditKinds.TokenCreated, d => Text(d, "name") == "crm sync").GetProperty("actor").GetString());
        One(AuditKinds.TokenRevoked, d => Text(d, "name") == "crm sync");
        Assert.Equal("default", One(AuditKinds.ChannelAdded, d => Text(d, "name") == "blog").GetProperty("workspace").GetString());
        One(AuditKinds.ChannelRemoved, d => Text(d, "name") == "blog");
        One(AuditKinds.WebhookAdded, d => Text(d, "url") == "https://hooks.brand.example");
        One(AuditKinds.WebhookRemoved, d => Text(d, "url") == "https://hooks.brand.example");
        One(AuditKinds.TeamSaved, d => Text(d, "team") == "care");
        One(AuditKinds.RoutingRuleSaved, d => Text(d, "rule") == "money");
        One(AuditKinds.RoutingRuleDeleted, d => Text(d, "rule") == "money");
        One(AuditKinds.CalendarSaved, d => Text(d, "calendar") == "office");
        One(AuditKinds.SlaPolicySaved, d => Text(d, "policy") == "standard");
        One(AuditKinds.CannedReplySaved, d => Text(d, "reply") == "sorry");
        var policy = One(AuditKinds.CasePolicyChanged);
        Assert.Equal("20", policy.GetProperty("data").GetProperty("after").GetProperty("sla_warning_minutes").ToString());
        One(AuditKinds.TopicSaved, d => Text(d, "topic") == "outage");
        One(AuditKinds.TopicDeleted, d => Text(d, "topic") == "outage");
        One(AuditKinds.PrivateHostAllowed, d => Text(d, "host") == "intranet.brand.lan");

        // Never a password, nor a webhook's credential.
        var everything = JsonSerializer.Serialize(events);
        foreach (var secret in new[] { "password-lead", "not-the-password", "another-password", "guess-one", "SECRET-PATH", "SECRET-QUERY", "a-shared-secret" })
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        // Newest first.
        var times = events.Select(e => e.GetProperty("at").GetDateTime()).ToList();
        Assert.Equal(times.OrderByDescending(t => t).ToList(), times);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Paging_ReturnsEveryMatchingRowOnce_NewestFirst(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var at = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<Earshot.Storage.EarshotDbContext>>().CreateDbContextAsync())
        {
            // Several events share a time, so the cursor must break ties by id.
            for (var i = 0; i < 37; i++)
                db.AuditEvents.Add(new AuditEvent { Kind = i % 3 == 0 ? "test.other" : "test.paged", At = at.AddSeconds(i / 4), DataJson = $$"""{"n":{{i}}}""" });
            await db.SaveChangesAsync();
        }
        var expected = 37 - 13;

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await app.GetJsonAsync("/api/audit?kind=test.paged&limit=5" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            Assert.True(++pages <= 10, "paging did not end");
        }
        while (cursor is not null);

        Assert.Equal(expected, seen.Count);
        Assert.Equal(expected, seen.Distinct().Count());
        var prefix = await app.GetJsonAsync("/api/audit?kind=test.&limit=500");
        Assert.Equal(37, prefix.GetProperty("items").GetArrayLength());
        var window = await app.GetJsonAsync("/api/audit?kind=test.&since=2025-03-01T12:00:02Z&until=2025-03-01T12:00:04Z");
        Assert.Equal(8, window.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task OnlyAdmins_ReadTheLog()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        var lead = await app.ClientForAsync(Lead, "lead", "default");
        var agent = await app.ClientForAsync("ana@brand.test", "agent", "default");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/api/audit")).StatusCode);

        using var browser = new SignInSession(app.Address);
        await browser.SignInOrFailAsync(Lead, "password-lead");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Client.GetAsync("/api/audit")).StatusCode);
        using var asked = new HttpRequestMessage(HttpMethod.Get, "/audit");
        asked.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("text/html"));
        var page = await browser.Client.SendAsync(asked);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Not allowed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("auth.sign-in", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/audit\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePage_EncodesWhatAttackersTyped()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        using (var guesser = new SignInSession(app.Address))
            await guesser.SignInAsync("<script>alert(1)</script>@evil.test", "x");
        await app.ClientForAsync("root@brand.test", "admin");
        using var admin = new SignInSession(app.Address);
        await admin.SignInOrFailAsync("root@brand.test", "password-admin");

        var page = await admin.Client.GetAsync("/audit?kind=auth.sign-in-failed");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;@evil.test", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/audit\"", html, StringComparison.Ordinal);
        var bad = await admin.Client.GetAsync("/audit?since=someday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("since", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kind=DROP%20TABLE", "kind")]
    [InlineData("actor=nobody", "actor")]
    [InlineData("workspace=nowhere", "workspace")]
    [InlineData("since=yesterday", "since")]
    [InlineData("until=2025-13-45", "until")]
    [InlineData("since=2025-03-02&until=2025-03-01", "since")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=many", "limit")]
    public async Task BadParameters_Are400sNamingTheParameter(string query, string field)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);

        var response = await app.Http.GetAsync("/api/audit?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TestApp.ReadJsonAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task TheCli_PrintsTheLog_AsATableOrJson()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        using (var browser = new SignInSession(app.Address))
            await browser.SignInAsync("[red]mallory[/]@evil.test", "a guess");
        var db = app.Database.DbArgument;

        var json = await EarshotProcess.RunAsync("audit", "--db", db, "--kind", "auth.", "--json");
        Assert.True(json.ExitCode == 0, json.Error);
        var items = JsonDocument.Parse(json.Output).RootElement;
        var failed = Assert.Single(items.EnumerateArray());
        Assert.Equal(AuditKinds.SignInFailed, failed.GetProperty("kind").GetString());
        Assert.Equal("[red]mallory[/]@evil.test", failed.GetProperty("data").GetProperty("email").GetString());

        var table = await EarshotProcess.RunAsync("audit", "--db", db, "--since", "2000-01-01", "--limit", "10");
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains("Event", table.Output, StringComparison.Ordinal);
        Assert.Contains("auth.sign-in-failed", table.Output, StringComparison.Ordinal);
        // Spectre prints it as text: its markup is not applied.
        Assert.Contains("[red]mallory[/]@evil.test", table.Output, StringComparison.Ordinal);
        Assert.Contains("token.created", table.Output, StringComparison.Ordinal);
        Assert.Contains("cli", table.Output, StringComparison.Ordinal);

        var none = await EarshotProcess.RunAsync("audit", "--db", db, "--kind", "nothing.like.this");
        Assert.Equal(0, none.ExitCode);
        Assert.Contains("No audit events match.", none.Output, StringComparison.Ordinal);

        var bad = await EarshotProcess.RunAsync("audit", "--db", db, "--limit", "0");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("error: --limit", bad.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bad.Error, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> OkAsync(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
