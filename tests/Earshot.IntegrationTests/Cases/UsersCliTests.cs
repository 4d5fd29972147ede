using System.Net;
using Earshot.IntegrationTests.Infrastructure;

namespace Earshot.IntegrationTests.Cases;

public sealed class UsersCliTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Users_add_and_tokens_create_give_a_token_the_api_accepts(DatabaseKind kind)
    {
        var database = await TestDatabase.CreateAsync(kind, postgres);
        var added = await EarshotProcess.RunAsync("users", "add", "Lead@Brand.test", "--role", "admin", "--password", "correct horse", "--db", database.DbArgument);
        Assert.True(added.ExitCode == 0, added.Error);
        var bad = await EarshotProcess.RunAsync("users", "add", "x@brand.test", "--role", "boss", "--password", "short", "--db", database.DbArgument);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--role", bad.Error);
        Assert.Contains("--password", bad.Error);
        var created = await EarshotProcess.RunAsync("tokens", "create", "lead@brand.test", "--name", "ci", "--db", database.DbArgument);
        Assert.True(created.ExitCode == 0, created.Error);
        var token = created.Output.Trim().Split('\n')[^1].Trim();
        Assert.StartsWith("esk_", token);

        await using var app = await TestApp.StartAsyncOver(database);
        using var client = new HttpClient { BaseAddress = app.Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var me = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("lead@brand.test", await me.Content.ReadAsStringAsync());
    }
}
