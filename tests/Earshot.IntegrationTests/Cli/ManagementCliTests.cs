using System.Net.Http.Json;
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

        var again = await EarshotProcess.RunAsync("topics", "add", "Refunds", "anything", "--db", db);
        var onto = await EarshotProcess.RunAsync("topics", "rename", "Refunds", "Outages", "--db", db);
        var badQuery = await EarshotProcess.RunAsync("topics", "set", "Refunds", "--query", "(refund", "--db", db);
        var renamed = await EarshotProcess.RunAsync("topics", "rename", "Refunds", "Money back", "--db", db);
        var set = await EarshotProcess.RunAsync("topics", "set", "Money back", "--query", "refund* OR chargeback", "--team", "Billing", "--db", db);
        var removed = await EarshotProcess.RunAsync("topics", "remove", "Outages", "--db", db);
        var missing = await EarshotProcess.RunAsync("topics", "remove", "Outages", "--db", db);
        var list = await EarshotProcess.RunAsync("topics", "list", "--db", db);

        Assert.Equal((1, true), (again.ExitCode, again.Error.Contains("already exists", StringComparison.Ordinal)));
        Assert.Equal((1, true), (onto.ExitCode, onto.Error.Contains("'Outages' already exists", StringComparison.Ordinal)));
        Assert.Equal((1, true), (badQuery.ExitCode, badQuery.Error.Contains("column", StringComparison.Ordinal)));
        Assert.True(renamed.ExitCode == 0, renamed.Error);
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.True(removed.ExitCode == 0, removed.Error);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Money back\tBilling\t0 matches\trefund* OR chargeback", list.Output, StringComparison.Ordinal);
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

    private static async Task<List<string>> AuditKindsAsync(TestDatabase database)
    {
        await using var context = database.Target.CreateContext();
        return await context.AuditEvents.Select(e => e.Kind).ToListAsync();
    }
}
