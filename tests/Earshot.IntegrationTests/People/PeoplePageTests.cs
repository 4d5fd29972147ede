using System.Net;
using Earshot.IntegrationTests.Infrastructure;

namespace Earshot.IntegrationTests.People;

/// <summary>The /users page refuses bad input in the layout, naming the form's label, with the refusal's status.</summary>
public sealed class PeoplePageTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task BadInput_IsNamedByTheFormsLabel_AndALeadCannotDeactivateAnAdmin(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.EnsureWorkspaceAsync("default");
        await app.ClientForAsync("lea@brand.test", "lead", "default");
        using var lead = await SignInSession.StartAsync(app.Address, "lea@brand.test", "password-lead");

        var bad = await lead.PostFormAsync("/users?handler=Create", new() { ["email"] = "not-an-address", ["role"] = "agent", ["workspaces"] = "default" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("E-mail: give an e-mail address", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var admin = await lead.PostFormAsync("/users?handler=Active", new() { ["id"] = (await app.UserIdAsync(TestApp.AdminEmail)).ToString(), ["active"] = "false" });
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Contains("Person or team: admin@earshot.test is an admin", WebUtility.HtmlDecode(await admin.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/api/me")).StatusCode);
    }
}
