using System.Net;
using Earshot.Access;
using Earshot.Engine.Audit;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Access;

/// <summary>
/// A sign-in ends when it should: a copied cookie stops working after a sign-out elsewhere, a demotion, a deactivation
/// or a new password, and a deactivated user's tokens stop too. Real login form, real cookies, real Kestrel.
/// </summary>
public sealed class SignInRevocationTests(PostgresServer postgres)
{
    private const string Lead = "lea@brand.test";
    private const string LeadPassword = "password-lead";

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task SignOut_ElsewhereEndsACopiedCookie_AndANewSignInWorks(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.ClientForAsync(Lead, "lead", "default");
        using var browser = new SignInSession(app.Address);
        await browser.SignInOrFailAsync(Lead, LeadPassword);
        using var copy = browser.CopyCookie();
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignOutAsync()).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/me")).StatusCode);
        var page = await copy.GetAsync("/inbox");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", page.Headers.Location!.AbsolutePath);
        // A cookie issued after the stamp changed works; the one from before still does not.
        using var again = new SignInSession(app.Address);
        await again.SignInOrFailAsync(Lead, LeadPassword);
        Assert.Equal(HttpStatusCode.OK, (await again.Client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/me")).StatusCode);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Demotion_TakesTheRoleAwayAtOnce_AndEndsTheSignIn(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.ClientForAsync(Lead, "lead", "default");
        using var browser = new SignInSession(app.Address);
        await browser.SignInOrFailAsync(Lead, LeadPassword);
        using var copy = browser.CopyCookie();
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/webhooks")).StatusCode);

        // The role is read from the database on every request, so it applies even where the stamp did not change.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<Earshot.Storage.EarshotDbContext>>().CreateDbContextAsync())
            await db.Users.Where(u => u.Email == Lead).ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, "agent"));
        Assert.Equal(HttpStatusCode.Forbidden, (await copy.GetAsync("/api/webhooks")).StatusCode);
        var me = await TestApp.ReadJsonAsync(await copy.GetAsync("/api/me"));
        Assert.Equal("agent", me.GetProperty("role").GetString());

        // A role change through Earshot also changes the stamp: the old cookie is no longer a sign-in at all.
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        await accounts.AddAsync(Lead, "analyst", null, null, null, AuditActor.Cli, CancellationToken.None);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/me")).StatusCode);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Deactivation_EndsCookiesAndTokens_AndRefusesSignIn_UntilReactivated(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var token = await app.ClientForAsync(Lead, "lead", "default");
        using var browser = new SignInSession(app.Address);
        await browser.SignInOrFailAsync(Lead, LeadPassword);
        using var copy = browser.CopyCookie();

        var deactivated = await EarshotProcess.RunAsync("users", "deactivate", Lead, "--db", app.Database.DbArgument);
        Assert.True(deactivated.ExitCode == 0, deactivated.Error);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/me")).StatusCode);
        using var retry = new SignInSession(app.Address);
        var refused = await retry.SignInAsync(Lead, LeadPassword);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("That e-mail and password do not match an account.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var reactivated = await EarshotProcess.RunAsync("users", "reactivate", Lead, "--db", app.Database.DbArgument);
        Assert.True(reactivated.ExitCode == 0, reactivated.Error);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/me")).StatusCode);
        await retry.SignInOrFailAsync(Lead, LeadPassword);
        Assert.Equal(HttpStatusCode.OK, (await retry.Client.GetAsync("/api/me")).StatusCode);
        // Reactivation does not bring back the sign-in that deactivation ended.
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/me")).StatusCode);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task NewPassword_EndsTheOldSignIns(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.ClientForAsync(Lead, "lead", "default");
        using var browser = new SignInSession(app.Address);
        await browser.SignInOrFailAsync(Lead, LeadPassword);
        using var copy = browser.CopyCookie();

        var changed = await EarshotProcess.RunAsync("users", "add", Lead, "--role", "lead", "--password", "a-brand-new-secret", "--db", app.Database.DbArgument);
        Assert.True(changed.ExitCode == 0, changed.Error);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Client.GetAsync("/api/me")).StatusCode);
        using var again = new SignInSession(app.Address);
        await again.SignInOrFailAsync(Lead, "a-brand-new-secret");
        Assert.Equal(HttpStatusCode.OK, (await again.Client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task ACookieWithoutAStamp_IsNotASignIn()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        await app.ClientForAsync(Lead, "lead", "default");
        using var browser = new SignInSession(app.Address);
        await browser.SignInOrFailAsync(Lead, LeadPassword);
        using var copy = browser.CopyCookie();
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/me")).StatusCode);

        // As if issued before stamps existed: the stored stamp changes under it without any other change to the user.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<Earshot.Storage.EarshotDbContext>>().CreateDbContextAsync())
            await db.Users.Where(u => u.Email == Lead).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, "0123456789abcdef0123456789abcdef"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/me")).StatusCode);
    }
}
