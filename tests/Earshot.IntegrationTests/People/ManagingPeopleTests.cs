using System.Net;
using System.Net.Http.Json;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Earshot.IntegrationTests.People.PeopleApi;

namespace Earshot.IntegrationTests.People;

/// <summary>
/// A lead or admin manages people through /api/users: invitations and resets are one-time links that end sign-ins, a
/// lead manages only agents and analysts in the lead's own workspaces, and the last active admin stays one.
/// </summary>
public sealed class ManagingPeopleTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Invite_TheLinkSetsAPasswordOnce_AndThePersonSignsIn(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.EnsureWorkspaceAsync("default");
        var lead = await app.ClientForAsync("lea@brand.test", "lead", "default");

        var invited = await OkAsync(lead.PostAsJsonAsync("/api/users", new { email = "Nia@Brand.test", name = "Nia", role = "agent", workspaces = new[] { "default" }, capacity = 4 }), HttpStatusCode.Created);
        var link = invited.GetProperty("set_password_url").GetString()!;
        Assert.StartsWith(app.Address.ToString().TrimEnd('/') + "/account/set-password?token=", link, StringComparison.Ordinal);
        using (var before = new SignInSession(app.Address))
            Assert.NotEqual(HttpStatusCode.Redirect, (await before.SignInAsync("nia@brand.test", "")).StatusCode);

        var mismatch = await SetPasswordAsync(app.Address, link, "nia-chooses-this", "something-else");
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("Repeat the password", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var set = await SetPasswordAsync(app.Address, link, "nia-chooses-this");
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Contains("Your password is set", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var nia = await SignInSession.StartAsync(app.Address, "nia@brand.test", "nia-chooses-this");
        var me = await OkAsync(nia.Client.GetAsync("/api/me"));
        Assert.Equal("agent", me.GetProperty("role").GetString());
        Assert.Equal(4, me.GetProperty("capacity").GetInt32());
        var again = await app.Anonymous.GetStringAsync(new Uri(link).PathAndQuery);
        Assert.Contains("not valid or has been used", again, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Password\"", again, StringComparison.Ordinal);

        var listed = await OkAsync(lead.GetAsync("/api/users"));
        var row = listed.EnumerateArray().Single(u => u.GetProperty("email").GetString() == "nia@brand.test");
        Assert.True(row.GetProperty("last_sign_in_at").ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.Equal(["default"], row.GetProperty("workspaces").EnumerateArray().Select(w => w.GetString()));
        var leadId = await app.UserIdAsync("lea@brand.test");
        Assert.Contains(await AuditAsync(app), a => a.Kind == "user.created" && a.ActorId == leadId && a.DataJson.Contains("nia@brand.test", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task ResetPassword_EndsSignInsAndTheOldPassword_UntilTheLinkIsUsed(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var lead = await app.ClientForAsync("lea@brand.test", "lead", "default");
        await app.ClientForAsync("ana@brand.test", "agent", "default");
        using var ana = await SignInSession.StartAsync(app.Address, "ana@brand.test", "password-agent");
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.GetAsync("/api/me")).StatusCode);

        var reset = await OkAsync(lead.PostAsync($"/api/users/{await app.UserIdAsync("ana@brand.test")}/reset-password", null));

        Assert.Equal(HttpStatusCode.Unauthorized, (await ana.Client.GetAsync("/api/me")).StatusCode);
        using (var old = new SignInSession(app.Address))
            Assert.NotEqual(HttpStatusCode.Redirect, (await old.SignInAsync("ana@brand.test", "password-agent")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SetPasswordAsync(app.Address, reset.GetProperty("set_password_url").GetString()!, "ana-new-secret")).StatusCode);
        using var again = await SignInSession.StartAsync(app.Address, "ana@brand.test", "ana-new-secret");
        var leadId = await app.UserIdAsync("lea@brand.test");
        Assert.Contains(await AuditAsync(app), a => a.Kind == "user.password-reset" && a.ActorId == leadId);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Lead_ManagesAgentsInTheirOwnWorkspaces_AndNobodyElse(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.EnsureWorkspaceAsync("acme");
        await app.EnsureWorkspaceAsync("globex");
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        var agent = await app.ClientForAsync("ana@acme.test", "agent", "acme");
        await app.ClientForAsync("lou@acme.test", "lead", "acme");
        await app.ClientForAsync("gus@globex.test", "agent", "globex");
        var ana = await app.UserIdAsync("ana@acme.test");

        await RefusedAsync(lead.PostAsJsonAsync("/api/users", new { email = "boss@acme.test", role = "admin", workspaces = new[] { "acme" } }), HttpStatusCode.Forbidden, "role");
        await RefusedAsync(lead.PostAsJsonAsync("/api/users", new { email = "x@acme.test", role = "agent", workspaces = new[] { "globex" } }), HttpStatusCode.Forbidden, "workspaces");
        await RefusedAsync(lead.PostAsJsonAsync("/api/users", new { email = "ana@acme.test", role = "agent", workspaces = new[] { "acme" } }), HttpStatusCode.Conflict, "email");
        await RefusedAsync(lead.PostAsJsonAsync("/api/users", new { email = "not-an-address", role = "agent", workspaces = new[] { "acme" } }), HttpStatusCode.BadRequest, "email");
        await RefusedAsync(PatchAsync(lead, ana, new { role = "lead" }), HttpStatusCode.Forbidden, "role");
        await RefusedAsync(PatchAsync(lead, ana, new { workspaces = new[] { "acme", "globex" } }), HttpStatusCode.Forbidden, "workspaces");
        await RefusedAsync(PatchAsync(lead, ana, new { capacity = -1 }), HttpStatusCode.BadRequest, "capacity");
        await RefusedAsync(PatchAsync(lead, await app.UserIdAsync(TestApp.AdminEmail), new { capacity = 1 }), HttpStatusCode.Forbidden, "id");
        await RefusedAsync(PatchAsync(lead, await app.UserIdAsync("lou@acme.test"), new { active = false }), HttpStatusCode.Forbidden, "id");
        // Another brand's people are not there at all for this lead.
        await RefusedAsync(PatchAsync(lead, await app.UserIdAsync("gus@globex.test"), new { capacity = 1 }), HttpStatusCode.NotFound, "id");
        Assert.DoesNotContain("globex", await lead.GetStringAsync("/api/users"), StringComparison.Ordinal);

        var changed = await OkAsync(PatchAsync(lead, ana, new { role = "analyst", capacity = 3 }));
        Assert.Equal("analyst", changed.GetProperty("role").GetString());
        Assert.Equal(3, changed.GetProperty("capacity").GetInt32());
        await OkAsync(PatchAsync(lead, ana, new { active = false }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync("/api/me")).StatusCode);
        var leadId = await app.UserIdAsync("lea@acme.test");
        var audit = await AuditAsync(app);
        Assert.Contains(audit, a => a.Kind == "user.role-changed" && a.ActorId == leadId);
        Assert.Contains(audit, a => a.Kind == "user.capacity-changed" && a.ActorId == leadId);
        Assert.Contains(audit, a => a.Kind == "user.deactivated" && a.ActorId == leadId);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task TheLastActiveAdmin_CannotBeDemotedOrDeactivated(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.EnsureWorkspaceAsync("default");
        var admin = await app.UserIdAsync(TestApp.AdminEmail);

        await RefusedAsync(PatchAsync(app.Http, admin, new { role = "lead" }), HttpStatusCode.Conflict, "role");
        await RefusedAsync(PatchAsync(app.Http, admin, new { active = false }), HttpStatusCode.Conflict, "active");

        await OkAsync(app.Http.PostAsJsonAsync("/api/users", new { email = "second@earshot.test", role = "admin", password = "second-admin-pw" }), HttpStatusCode.Created);
        var second = await app.UserIdAsync("second@earshot.test");
        await OkAsync(PatchAsync(app.Http, second, new { active = false }));
        await RefusedAsync(PatchAsync(app.Http, admin, new { role = "lead" }), HttpStatusCode.Conflict, "role");
        await OkAsync(PatchAsync(app.Http, second, new { active = true }));
        var demoted = await OkAsync(PatchAsync(app.Http, admin, new { role = "lead", workspaces = new[] { "default" } }));
        Assert.Equal("lead", demoted.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Workspaces_LeavingOneLeavesItsTeams_AndAdminsNameOnlyExistingOnes(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.EnsureWorkspaceAsync("acme");
        await app.EnsureWorkspaceAsync("globex");
        await app.ClientForAsync("ana@brand.test", "agent", "acme");
        var ana = await app.UserIdAsync("ana@brand.test");
        var team = await OkAsync(app.Http.PostAsJsonAsync("/api/teams", new { workspace = "acme", name = "Care" }));
        await OkAsync(app.Http.PostAsJsonAsync($"/api/teams/{team.GetProperty("id").GetGuid()}/members", new { email = "ana@brand.test" }));

        await RefusedAsync(PatchAsync(app.Http, ana, new { workspaces = new[] { "nowhere" } }), HttpStatusCode.BadRequest, "workspaces");
        var moved = await OkAsync(PatchAsync(app.Http, ana, new { workspaces = new[] { "globex" } }));

        Assert.Equal(["globex"], moved.GetProperty("workspaces").EnumerateArray().Select(w => w.GetString()));
        Assert.Empty(moved.GetProperty("teams").EnumerateArray());
        Assert.Contains(await AuditAsync(app), a => a.Kind == "membership.workspace-removed" && a.DataJson.Contains("\"teams_left\":1", StringComparison.Ordinal));
    }

    internal static async Task<List<Earshot.Core.Access.AuditEvent>> AuditAsync(TestApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<Earshot.Storage.EarshotDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().ToListAsync();
    }
}
