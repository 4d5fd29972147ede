using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Cases;

public sealed class InboxTeamFilterTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_team_that_does_not_exist_shows_no_cases_and_says_so_instead_of_every_team()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        await PostAsync(app, "c-1", "dana_k", Complaint);
        await WaitForCasesAsync(app.Http, 1);
        var pages = await app.PagesAsync();

        Assert.Contains("dana_k", await pages.GetStringAsync("/inbox"), StringComparison.Ordinal);
        var unknown = await pages.GetStringAsync("/inbox?team=Unknown");
        Assert.Contains("There is no team named &quot;Unknown&quot; in your workspaces", unknown, StringComparison.Ordinal);
        Assert.DoesNotContain("dana_k", unknown, StringComparison.Ordinal);
        Assert.DoesNotContain("team-error", await pages.GetStringAsync("/inbox?team="), StringComparison.Ordinal);
    }
}
