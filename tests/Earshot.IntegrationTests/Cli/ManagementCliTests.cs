using System.Net.Http.Json;
using System.Text.Json;
using Earshot.Core.Access;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Cli;

/// <summary>What a lead changes in the browser, an operator changes with `earshot`: topics, channels and settings, under the same rules and audited.</summary>
public sealed class ManagementCliTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Topics_RenameSetAndRemove_NeverOverwriteAnotherTopic(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        var db = database.DbArgument;
        Assert.Equal(0, (await EarshotProcess.RunAsync("topics", "add", "Refunds", "refund*", "--db", db)).ExitCode);
        Assert.Equal(0, (await EarshotProcess.RunAsync("topics", "add", "Outages", "outage", "--db", db)).ExitCode);
        var competitor = await EarshotProcess.RunAsync("topics", "add", "Nimbus", "nimbus", "--kind", "competitor", "--db", db);
        var badKind = await EarshotProcess.RunAsync("topics", "add", "Vela", "vela", "--kind", "rival", "--db", db);

        var again = await EarshotProcess.RunAsync("topics", "add", "Refunds", "anything", "--db", db);
        var onto = await EarshotProcess.RunAsync("topics", "rename", "Refunds", "Outages", "--db", db);
        var badQuery = await EarshotProcess.RunAsync("topics", "set", "Refunds", "--query", "(refund", "--db", db);
        var renamed = await EarshotProcess.RunAsync("topics", "rename", "Refunds", "Money back", "--db", db);
        var set = await EarshotProcess.RunAsync("topics", "set", "Money back", "--query", "refund* OR chargeback", "--team", "Billing", "--db", db);
        var setKind = await EarshotProcess.RunAsync("topics", "set", "Nimbus", "--kind", "campaign", "--db", db);
        var badSetKind = await EarshotProcess.RunAsync("topics", "set", "Nimbus", "--kind", "rival", "--db", db);
        var removed = await EarshotProcess.RunAsync("topics", "remove", "Outages", "--db", db);
        var missing = await EarshotProcess.RunAsync("topics", "remove", "Outages", "--db", db);
        var list = await EarshotProcess.RunAsync("topics", "list", "--db", db);

        Assert.Equal((1, true), (again.ExitCode, again.Error.Contains("already exists", StringComparison.Ordinal)));
        Assert.Equal((1, true), (onto.ExitCode, onto.Error.Contains("'Outages' already exists", StringComparison.Ordinal)));
        Assert.Equal((1, true), (badQuery.ExitCode, badQuery.Error.Contains("column", StringComparison.Ordinal)));
        Assert.True(competitor.ExitCode == 0, competitor.Error);
        Assert.True(setKind.ExitCode == 0, setKind.Error);
        foreach (var refused in new[] { badKind, badSetKind })
        {
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("--kind", refused.Error, StringComparison.Ordinal);
            Assert.Contains("brand, competitor, product, campaign, other", refused.Error, StringComparison.Ordinal);
        }
        Assert.True(renamed.ExitCode == 0, renamed.Error);
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.True(removed.ExitCode == 0, removed.Error);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Money back\tother\tBilling\t0 matches\trefund* OR chargeback", list.Output, StringComparison.Ordinal);
        Assert.Contains("Nimbus\tcampaign\t-\t0 matches\tnimbus", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Vela", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Outages", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Refunds", list.Output, StringComparison.Ordinal);
        var kinds = await AuditKindsAsync(database);
        Assert.Contains(AuditKinds.TopicDeleted, kinds);
        Assert.Contains(AuditKinds.TopicSaved, kinds);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Channels_PauseResumeAndSet_ShowInTheListAndAreAudited(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        var db = database.DbArgument;
        var added = await EarshotProcess.RunAsync("channels", "add", "webchat", "--origin", "https://acme.example", "--name", "site chat", "--db", db);
        Assert.True(added.ExitCode == 0, added.Error);

        var paused = await EarshotProcess.RunAsync("channels", "pause", "site chat", "--db", db);
        var pausedList = await EarshotProcess.RunAsync("channels", "list", "--db", db);
        var set = await EarshotProcess.RunAsync("channels", "set", "site chat", "--name", "help chat", "--setting", "origins=https://help.acme.example", "--db", db);
        var badSet = await EarshotProcess.RunAsync("channels", "set", "help chat", "--setting", "origins=not-an-origin", "--db", db);
        var resumed = await EarshotProcess.RunAsync("channels", "resume", "help chat", "--db", db);
        var list = await EarshotProcess.RunAsync("channels", "list", "--json", "--db", db);
        var missing = await EarshotProcess.RunAsync("channels", "pause", "no such channel", "--db", db);

        Assert.True(paused.ExitCode == 0, paused.Error);
        Assert.Contains("site chat\tpaused", pausedList.Output, StringComparison.Ordinal);
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Equal((1, true), (badSet.ExitCode, badSet.Error.Contains("origins", StringComparison.Ordinal)));
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("\"name\":\"help chat\",\"paused\":false", list.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        await using var context = database.Target.CreateContext();
        var channel = await context.Channels.SingleAsync(c => c.Name == "help chat");
        Assert.Contains("https://help.acme.example", channel.SettingsJson, StringComparison.Ordinal);
        var kinds = await AuditKindsAsync(database);
        Assert.Contains(AuditKinds.ChannelPaused, kinds);
        Assert.Contains(AuditKinds.ChannelResumed, kinds);
        Assert.Contains(AuditKinds.ChannelChanged, kinds);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Settings_ListAndRemove_RefuseACalendarAPolicyUses(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await using (var app = await TestApp.StartAsyncOver(database, ownsDatabase: false))
        {
            foreach (var (path, body) in new (string, object)[]
            {
                ("/api/teams", new { name = "Care" }),
                ("/api/routing-rules", new { name = "complaints", team = "Care" }),
                ("/api/calendars", new { name = "office" }),
                ("/api/sla-policies", new { name = "standard", calendar = "office" }),
                ("/api/canned-replies", new { name = "hello", body = "Hi!" }),
            })
            {
                var response = await app.Http.PostAsJsonAsync(path, body);
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            }
        }
        var db = database.DbArgument;

        var list = await EarshotProcess.RunAsync("settings", "list", "--db", db);
        var calendarInUse = await EarshotProcess.RunAsync("settings", "remove", "calendar", "office", "--db", db);
        var removed = new List<(int ExitCode, string Output, string Error)>();
        foreach (var what in new[] { "sla standard", "calendar office", "rule complaints", "canned hello" })
            removed.Add(await EarshotProcess.RunAsync(["settings", "remove", .. what.Split(' '), "--db", db]));
        var unknown = await EarshotProcess.RunAsync("settings", "remove", "rule", "complaints", "--db", db);
        var after = await EarshotProcess.RunAsync("settings", "list", "--db", db);

        foreach (var line in new[] { "rule\tcomplaints", "sla\tstandard", "calendar\toffice", "canned\thello\tHi!" })
            Assert.Contains(line, list.Output, StringComparison.Ordinal);
        Assert.Equal((1, true), (calendarInUse.ExitCode, calendarInUse.Error.Contains("'standard'", StringComparison.Ordinal)));
        Assert.All(removed, r => Assert.True(r.ExitCode == 0, r.Error));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("", after.Output.Trim());
        var kinds = await AuditKindsAsync(database);
        foreach (var expected in new[] { AuditKinds.SlaPolicyDeleted, AuditKinds.CalendarDeleted, AuditKinds.RoutingRuleDeleted, AuditKinds.CannedReplyDeleted })
            Assert.Contains(expected, kinds);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Settings_SavedByName_FollowTheApisRulesAndTheApiSeesThem(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await using (var app = await TestApp.StartAsyncOver(database, ownsDatabase: false))
        {
            var response = await app.Http.PostAsJsonAsync("/api/teams", new { name = "Care" });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
        var db = database.DbArgument;
        Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => EarshotProcess.RunAsync([.. args, "--db", db]);

        var calendar = await Run("settings", "calendar", "office", "--time-zone", "Europe/London", "--open", "mon-fri=09:00-17:00", "--open", "sat=10:00-14:00", "--holiday", "2026-12-25");
        var badHours = await Run("settings", "calendar", "late", "--open", "mon=17:00-09:00");
        var neverOpen = await Run("settings", "calendar", "shut", "--open", "mon=");
        var badDay = await Run("settings", "calendar", "odd", "--open", "someday=09:00-10:00");
        var sla = await Run("settings", "sla", "standard", "--team", "Care", "--intent", "complaint", "--first", "30", "--next", "60", "--resolution", "480", "--calendar", "office");
        var badSla = await Run("settings", "sla", "broken", "--first", "0", "--calendar", "nowhere");
        var rule = await Run("settings", "rule", "complaints", "--team", "Care", "--intent", "complaint", "--severity", "billing", "--channel", "x", "--position", "2");
        var badRule = await Run("settings", "rule", "lost", "--team", "Nobody", "--intent", "rant");
        var other = await Run("settings", "rule", "others", "--team", "Care", "--disabled");
        var renameOnto = await Run("settings", "rule", "others", "--rename", "complaints", "--team", "Care");
        var renameMissing = await Run("settings", "canned", "nothing", "--rename", "x", "--body", "Hi");
        var canned = await Run("settings", "canned", "hello", "--body", "Hi {{customer.name}}");
        var badCanned = await Run("settings", "canned", "oops", "--body", "Hi {{nope}}");
        var renamed = await Run("settings", "canned", "hello", "--rename", "greeting", "--body", "Hello {{customer.name}}");
        var policy = await Run("settings", "policy", "--set", "sla_warning_minutes=20", "--set", "intent_minutes.complaint=15", "--fallback-team", "Care");
        var unknownKey = await Run("settings", "policy", "--set", "nosuch=1");
        var outOfRange = await Run("settings", "policy", "--set", "sla_warning_minutes=500");
        var shown = await Run("settings", "policy");

        foreach (var (name, ok) in new[] { ("calendar", calendar), ("sla", sla), ("rule", rule), ("others", other), ("canned", canned), ("renamed", renamed), ("policy", policy), ("shown", shown) })
            Assert.True(ok.ExitCode == 0, $"{name}: {ok.Error}");
        foreach (var (refused, says) in new[]
        {
            (badHours, "--open: '17:00-09:00'"), (neverOpen, "--open: open the calendar on at least one day"), (badDay, "--open: 'someday'"),
            (badSla, "--first: give 1 to"), (badSla, "--calendar: no calendar 'nowhere'"), (badRule, "--team: no team 'Nobody'"), (badRule, "--intent: unknown: rant"),
            (renameOnto, "already named 'complaints'"), (renameMissing, "no canned named 'nothing'"), (badCanned, "--body: unknown variable(s) {{nope}}"),
            (unknownKey, "no setting 'nosuch'"), (outOfRange, "--set sla_warning_minutes: 0 to 120 minutes"),
        })
            Assert.True(refused.ExitCode == 1 && refused.Error.Contains(says, StringComparison.Ordinal), $"expected '{says}', got {refused.ExitCode}: {refused.Error}");
        Assert.Contains("fallback team: Care", shown.Output, StringComparison.Ordinal);
        Assert.Contains("\"sla_warning_minutes\": 20", shown.Output, StringComparison.Ordinal);

        await using (var app = await TestApp.StartAsyncOver(database, ownsDatabase: false))
        {
            var rules = await app.Http.GetFromJsonAsync<JsonElement>("/api/routing-rules");
            var saved = rules.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "complaints");
            Assert.Equal(("Care", 2, "billing", "x", true), (saved.GetProperty("team").GetString(), saved.GetProperty("position").GetInt32(),
                saved.GetProperty("severities")[0].GetString(), saved.GetProperty("channels")[0].GetString(), saved.GetProperty("enabled").GetBoolean()));
            Assert.False(rules.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "others").GetProperty("enabled").GetBoolean());
            var slas = await app.Http.GetFromJsonAsync<JsonElement>("/api/sla-policies");
            Assert.Equal(("standard", "Care", 30, 480, "office"), (slas[0].GetProperty("name").GetString(), slas[0].GetProperty("team").GetString(),
                slas[0].GetProperty("first_response_minutes").GetInt32(), slas[0].GetProperty("resolution_minutes").GetInt32(), slas[0].GetProperty("calendar").GetString()));
            var calendars = await app.Http.GetFromJsonAsync<JsonElement>("/api/calendars");
            Assert.Equal(1, calendars.GetArrayLength());
            Assert.Equal(["09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "10:00-14:00", ""],
                calendars[0].GetProperty("hours").EnumerateArray().Select(h => h.GetString()));
            Assert.Equal(("Europe/London", "2026-12-25"), (calendars[0].GetProperty("time_zone").GetString(), calendars[0].GetProperty("holidays")[0].GetString()));
            var replies = await app.Http.GetFromJsonAsync<JsonElement>("/api/canned-replies");
            Assert.Equal(["greeting"], replies.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
            var casePolicy = await app.Http.GetFromJsonAsync<JsonElement>("/api/case-policy");
            Assert.Equal(("Care", 20, 15), (casePolicy.GetProperty("fallback_team").GetString(), casePolicy.GetProperty("policy").GetProperty("sla_warning_minutes").GetInt32(),
                casePolicy.GetProperty("policy").GetProperty("intent_minutes").GetProperty("complaint").GetInt32()));
        }
        await using var context = database.Target.CreateContext();
        var audited = await context.AuditEvents.AsNoTracking().Where(e => e.DataJson.Contains("\"actor\":\"cli\"")).Select(e => e.Kind).ToListAsync();
        foreach (var expected in new[] { AuditKinds.CalendarSaved, AuditKinds.SlaPolicySaved, AuditKinds.RoutingRuleSaved, AuditKinds.CannedReplySaved, AuditKinds.CasePolicyChanged })
            Assert.Contains(expected, audited);
    }

    private static async Task<List<string>> AuditKindsAsync(TestDatabase database)
    {
        await using var context = database.Target.CreateContext();
        return await context.AuditEvents.Select(e => e.Kind).ToListAsync();
    }
}
