using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Engine.Pipeline;
using Earshot.Hosting;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>
/// Earshot served by Kestrel on 127.0.0.1 (a free port) over a test database, with intent methods for tests.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly bool _ownsDatabase;

    private TestApp(WebApplication app, TestDatabase database, Uri address, bool ownsDatabase)
    {
        _app = app;
        _ownsDatabase = ownsDatabase;
        Database = database;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        Anonymous = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public const string AdminEmail = "admin@earshot.test";

    /// <summary>A client signed in as an admin by bearer token (every test's default caller).</summary>
    public HttpClient Http { get; }

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous { get; }

    private readonly List<HttpClient> _clients = [];

    /// <summary>Creates a user (and their workspace membership) and returns a client using a fresh token of theirs.</summary>
    public async Task<HttpClient> ClientForAsync(string email, string role, string? workspace = null, string scope = "write")
    {
        var accounts = Services.GetRequiredService<Earshot.Access.UserAccounts>();
        var added = await accounts.AddAsync(email, role, "password-" + role, workspace, null, Earshot.Engine.Audit.AuditActor.Cli, CancellationToken.None);
        Assert.NotNull(added.User);
        var (token, _, error) = await accounts.CreateTokenAsync(email, "test", scope, Earshot.Engine.Audit.AuditActor.Cli, CancellationToken.None);
        Assert.True(token is not null, error?.ToString());
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        _clients.Add(client);
        return client;
    }

    /// <summary>
    /// A client signed in to the pages with a cookie, as a browser is (tokens do not sign in to pages); it follows
    /// redirects. The default is the admin; users made by <see cref="ClientForAsync"/> have the password "password-ROLE".
    /// </summary>
    public async Task<HttpClient> PagesAsync(string email = AdminEmail, string password = "password-admin")
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new() }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        _clients.Add(client);
        var form = await client.GetStringAsync("/login");
        var token = SignInSession.FormTokenIn(form);
        var signedIn = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.False(signedIn.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/login", StringComparison.Ordinal), $"sign-in as {email} failed");
        return client;
    }

    public async Task<Guid> UserIdAsync(string email)
    {
        await using var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Earshot.Storage.EarshotDbContext>>().CreateDbContextAsync();
        var lower = email.ToLowerInvariant();
        return db.Users.First(u => u.Email == lower).Id;
    }

    public TestDatabase Database { get; }
    public Uri Address { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<TestApp> StartAsync(DatabaseKind kind, PostgresServer postgres, bool demo = false) =>
        await StartAsyncOver(await TestDatabase.CreateAsync(kind, postgres), demo);

    public static async Task<TestApp> StartAsync(DatabaseKind kind, PostgresServer postgres, Action<IServiceCollection> configure) =>
        await StartAsyncOver(await TestDatabase.CreateAsync(kind, postgres), false, configure);

    /// <summary>
    /// Starts an app that may reach 127.0.0.1 and localhost (where tests run their fake networks) only when
    /// <paramref name="allowLoopback"/> says so, as every other app does by default.
    /// </summary>
    public static async Task<TestApp> StartAsync(DatabaseKind kind, PostgresServer postgres, bool allowLoopback, Action<IServiceCollection>? configure = null) =>
        await StartAsyncOver(await TestDatabase.CreateAsync(kind, postgres), false, configure, allowLoopback: allowLoopback);

    /// <summary>The hosts every test app may reach although they are loopback: the fake networks listen there.</summary>
    public static readonly string[] LoopbackHosts = ["127.0.0.1", "localhost"];

    /// <summary>
    /// Starts over an existing database; the app takes ownership and disposes it unless told otherwise (a restart test).
    /// The fake networks tests run listen on 127.0.0.1, so the app is allowed to reach it (and localhost) as an admin
    /// would allow an intranet host, unless <paramref name="allowLoopback"/> is false.
    /// </summary>
    public static async Task<TestApp> StartAsyncOver(TestDatabase database, bool demo = false, Action<IServiceCollection>? configure = null, bool ownsDatabase = true,
        bool allowLoopback = true)
    {
        if (demo && database.Target.Provider == DatabaseProvider.Sqlite)
            await DemoTemplate.CopyToAsync(database);
        var options = new ServeOptions(database.Target, "http://127.0.0.1:0", demo);
        var app = EarshotWebApp.Build(options, services =>
        {
            services.AddSingleton(new PipelineOptions
            {
                SweepInterval = TimeSpan.FromMilliseconds(500),
                BatchWindow = TimeSpan.FromMilliseconds(5),
            });
            configure?.Invoke(services);
        });
        await EarshotWebApp.PrepareAsync(app, options, CancellationToken.None);
        if (allowLoopback)
        {
            var guard = app.Services.GetRequiredService<OutboundGuard>();
            foreach (var host in LoopbackHosts)
                await guard.AllowAsync(host, null, "test setup", CancellationToken.None);
        }
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var testApp = new TestApp(app, database, new Uri(address), ownsDatabase);
        if (demo)
            await testApp.WaitForPipelineAsync();
        var admin = await testApp.ClientForAsync(AdminEmail, "admin");
        testApp.Http.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        return testApp;
    }

    /// <summary>
    /// Waits until every stored post has been through the pipeline and the SLA watcher has recorded the breaches of the
    /// cases it opened: the demo's week of posts opens, merges and answers its cases in the background, breaches raise
    /// cases in the queue, and a page read half-way would see counts and lists of a moving floor.
    /// </summary>
    public async Task WaitForPipelineAsync()
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<EarshotDbContext>>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using (var db = await contexts.CreateDbContextAsync(timeout.Token))
        {
            while (await db.Posts.Unfinished().AnyAsync(timeout.Token))
                await Task.Delay(100, timeout.Token);
        }
        // The watcher's own pass may run at the same time; recording a breach is idempotent.
        await Services.GetRequiredService<Engine.Cases.SlaWatcher>().CheckAsync(timeout.Token);
    }

    /// <summary>Creates the workspace as an admin would (no request creates one by naming it); one that exists is left as it is.</summary>
    public async Task EnsureWorkspaceAsync(string name)
    {
        var response = await PostJsonAsync("/api/workspaces", JsonSerializer.Serialize(new { name }));
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        foreach (var client in _clients)
            client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDatabase)
            await Database.DisposeAsync();
    }
}
