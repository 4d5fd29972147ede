using Earshot.IntegrationTests.Infrastructure;

namespace Earshot.IntegrationTests.Cli;

/// <summary>`earshot users` and `earshot teams` do what /api/users and /api/teams do, by the same rules, audited as the CLI.</summary>
public sealed class PeopleCommandsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task UsersAndTeams_AreManagedFromTheCommandLine(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        var db = database.DbArgument;
        Ok(await EarshotProcess.RunAsync("users", "add", "lea@brand.test", "--role", "lead", "--password", "lead-password", "--workspace", "default", "--db", db));

        var invited = Ok(await EarshotProcess.RunAsync("users", "invite", "ana@brand.test", "--role", "agent", "--workspace", "default", "--capacity", "4", "--db", db));
        Assert.Contains("/account/set-password?token=", invited, StringComparison.Ordinal);
        var missing = await EarshotProcess.RunAsync("users", "invite", "x@brand.test", "--workspace", "nowhere", "--db", db);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("--workspace: no workspace 'nowhere'", missing.Error, StringComparison.Ordinal);
        Ok(await EarshotProcess.RunAsync("users", "set", "ana@brand.test", "--role", "analyst", "--capacity", "2", "--db", db));
        var list = Ok(await EarshotProcess.RunAsync("users", "list", "--db", db));
        Assert.Contains("ana@brand.test\tanalyst\tdefault", list, StringComparison.Ordinal);
        Assert.Contains("/account/set-password?token=", Ok(await EarshotProcess.RunAsync("users", "reset-password", "lea@brand.test", "--db", db)), StringComparison.Ordinal);
        Assert.Equal(1, (await EarshotProcess.RunAsync("users", "set", "nobody@brand.test", "--capacity", "1", "--db", db)).ExitCode);

        Ok(await EarshotProcess.RunAsync("teams", "add", "Billing", "--workspace", "default", "--assignment", "least_loaded", "--db", db));
        Ok(await EarshotProcess.RunAsync("teams", "members", "add", "Billing", "ana@brand.test", "--workspace", "default", "--lead", "--db", db));
        Assert.Contains("default\tBilling\tleast_loaded\tana@brand.test (lead)", Ok(await EarshotProcess.RunAsync("teams", "list", "--db", db)), StringComparison.Ordinal);
        Ok(await EarshotProcess.RunAsync("teams", "set", "Billing", "--workspace", "default", "--name", "Payments", "--db", db));
        Ok(await EarshotProcess.RunAsync("teams", "members", "remove", "Payments", "ana@brand.test", "--workspace", "default", "--db", db));
        Assert.Contains("default\tPayments\tleast_loaded\t", Ok(await EarshotProcess.RunAsync("teams", "list", "--db", db)), StringComparison.Ordinal);
        Assert.Contains("Deleted team Payments", Ok(await EarshotProcess.RunAsync("teams", "delete", "Payments", "--workspace", "default", "--db", db)), StringComparison.Ordinal);
        Assert.DoesNotContain("Payments", Ok(await EarshotProcess.RunAsync("teams", "list", "--db", db)), StringComparison.Ordinal);

        var audit = Ok(await EarshotProcess.RunAsync("audit", "--limit", "200", "--db", db));
        foreach (var kindName in new[] { "user.created", "user.capacity-changed", "user.role-changed", "user.password-reset", "settings.team-deleted", "membership.team-removed" })
            Assert.Contains(kindName, audit, StringComparison.Ordinal);
    }

    private static string Ok((int ExitCode, string Output, string Error) result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}{result.Output}");
        return result.Output;
    }
}
