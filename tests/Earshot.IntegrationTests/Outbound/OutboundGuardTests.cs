using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Rss;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Core.Posts;
using Earshot.Engine.Alerts.Delivery;
using Earshot.Engine.Channels;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Outbound;

/// <summary>
/// Feeds and webhooks cannot be pointed at the server's own network: private addresses are refused when the channel
/// or webhook is set up and again when a request is made (redirects too), unless an admin allowed the host.
/// </summary>
public sealed class OutboundGuardTests(PostgresServer postgres)
{
    private const string Feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Internal secret</title><guid>secret-1</guid><description>only for the intranet</description></item></channel></rss>""";

    /// <summary>Every way of writing "this machine" or "the cloud's metadata service" the review found, with the host the guard names.</summary>
    /// <summary>
    /// Private addresses of the local server at <paramref name="port"/>, on a path of this test's own: a port freed
    /// by another test can be handed to this server while that test's app still polls it, and those requests must not
    /// count.
    /// </summary>
    private static (string Url, string Host)[] PrivateUrls(int port, string path) =>
    [
        ($"http://127.0.0.1:{port}{path}", "127.0.0.1"),
        ($"http://[::1]:{port}{path}", "::1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ($"http://0.0.0.0:{port}{path}", "0.0.0.0"),
        ($"http://2130706433:{port}{path}", "127.0.0.1"),
        ($"http://localhost:{port}/feed.xml", "localhost"),
    ];

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task RssChannel_PrivateAddresses_AreRefusedAtSetupAndAtFetch_AndNothingIsFetched(DatabaseKind kind)
    {
        await using var intranet = await CountingServer.StartAsync(Feed);
        await using var app = await TestApp.StartAsync(kind, postgres, allowLoopback: false, Quiet);
        var registry = app.Services.GetRequiredService<ChannelRegistry>();
        var host = app.Services.GetRequiredService<ConnectorHost>();
        var rss = app.Services.GetServices<IChannelConnector>().Single(c => c.Kind == ChannelKind.Rss);

        var path = $"/feed-{Guid.NewGuid():N}.xml";
        foreach (var (url, expectedHost) in PrivateUrls(intranet.Port, path))
        {
            var refused = await app.Http.PostAsJsonAsync("/api/channels", new { kind = "rss", settings = new { url } }, TestContext.Current.CancellationToken);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)refused.StatusCode}");
            var problem = await TestApp.ReadJsonAsync(refused);
            Assert.StartsWith($"refused: {expectedHost} is a private address;", problem.GetProperty("errors").GetProperty("settings.url")[0].GetString());

            // A channel stored without the setup check (an older database, the demo) is refused when it runs.
            var stored = await registry.AddAsync("default", ChannelKind.Rss, "stored " + url, JsonSerializer.SerializeToElement(new { url }), CancellationToken.None);
            await host.RunChannelAsync(stored.Channel!.Id, rss, CancellationToken.None);
            Assert.Equal($"refused: {expectedHost} is a private address", await LastErrorAsync(app, stored.Channel.Id));
        }

        Assert.Equal(0, intranet.RequestsTo(path));
        await using var db = app.Database.Target.CreateContext();
        Assert.Equal(0, await db.Posts.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task RssChannel_AllowedByAnAdmin_IsFetchedAndAudited_ButItsRedirectToAPrivateAddressIsRefused(DatabaseKind kind)
    {
        await using var intranet = await CountingServer.StartAsync(Feed);
        await using var app = await TestApp.StartAsync(kind, postgres, allowLoopback: false, Quiet);
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "default");

        var byLead = await lead.PostAsJsonAsync("/api/channels", new { kind = "rss", workspace = "default", allow_private_network = true, settings = new { url = intranet.Url("/feed.xml") } },
            TestContext.Current.CancellationToken);
        var byAdmin = await app.Http.PostAsJsonAsync("/api/channels", new { kind = "rss", name = "intranet", allow_private_network = true, settings = new { url = intranet.Url("/feed.xml") } },
            TestContext.Current.CancellationToken);
        // The allowed server sends the fetch on to a host nobody allowed (localhost is this machine too).
        var redirected = await app.Http.PostAsJsonAsync("/api/channels", new { kind = "rss", name = "redirected", settings = new { url = intranet.Url("/moved") } },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, byLead.StatusCode);
        Assert.Equal("allow_private_network", (await TestApp.ReadJsonAsync(byLead)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Created, redirected.StatusCode);
        var registry = app.Services.GetRequiredService<ChannelRegistry>();
        var rss = app.Services.GetServices<IChannelConnector>().Single(c => c.Kind == ChannelKind.Rss);
        var intranetId = (await TestApp.ReadJsonAsync(byAdmin)).GetProperty("id").GetGuid();
        var redirectedId = (await TestApp.ReadJsonAsync(redirected)).GetProperty("id").GetGuid();
        await app.Services.GetRequiredService<ConnectorHost>().RunChannelAsync(intranetId, rss, CancellationToken.None);
        await app.Services.GetRequiredService<ConnectorHost>().RunChannelAsync(redirectedId, rss, CancellationToken.None);

        Assert.Null(await LastErrorAsync(app, intranetId));
        Assert.Equal("refused: localhost is a private address", await LastErrorAsync(app, redirectedId));
        Assert.Equal(1, intranet.RequestsTo("/feed.xml"));
        Assert.Equal(1, intranet.RequestsTo("/moved"));
        Assert.Equal(0, intranet.RequestsTo("/internal"));
        await using var db = app.Database.Target.CreateContext();
        Assert.Equal(1, await db.Posts.CountAsync(p => p.ChannelId == intranetId, TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Posts.CountAsync(p => p.ChannelId == redirectedId, TestContext.Current.CancellationToken));
        var allowance = await db.PrivateHostAllowances.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("127.0.0.1", allowance.Host);
        var audit = await db.AuditEvents.SingleAsync(a => a.Kind == OutboundGuard.AllowedAuditKind, TestContext.Current.CancellationToken);
        Assert.Equal(await app.UserIdAsync(TestApp.AdminEmail), audit.ActorId);
        Assert.Equal(allowance.AllowedBy, audit.ActorId);
        using var data = JsonDocument.Parse(audit.DataJson);
        Assert.Equal("127.0.0.1", data.RootElement.GetProperty("host").GetString());
        Assert.Equal("POST /api/channels", data.RootElement.GetProperty("via").GetString());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Webhook_PrivateAddresses_AreRefusedAtSetupAndAtDelivery_UnlessAnAdminAllowsThem(DatabaseKind kind)
    {
        await using var receiver = await CountingServer.StartAsync("");
        await using var app = await TestApp.StartAsync(kind, postgres, allowLoopback: false, Quiet);
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "default");
        var sender = app.Services.GetRequiredService<WebhookSender>();

        var path = $"/hook-{Guid.NewGuid():N}";
        foreach (var (url, expectedHost) in PrivateUrls(receiver.Port, path))
        {
            var refused = await app.Http.PostAsJsonAsync("/api/webhooks", new { url, secret = AlertSecret }, TestContext.Current.CancellationToken);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)refused.StatusCode}");
            Assert.StartsWith($"refused: {expectedHost} is a private address;",
                (await TestApp.ReadJsonAsync(refused)).GetProperty("errors").GetProperty("url")[0].GetString());
            var sent = await sender.SendAsync(Guid.CreateVersion7(), "alert.opened", url, AlertSecret, "{}", CancellationToken.None);
            Assert.Equal($"refused: {expectedHost} is a private address", sent.Error);
        }
        Assert.Equal(0, receiver.RequestsTo(path));

        var byLead = await lead.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url("/hook"), secret = AlertSecret, allow_private_network = true }, TestContext.Current.CancellationToken);
        var byAdmin = await app.Http.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url("/hook"), secret = AlertSecret, allow_private_network = true }, TestContext.Current.CancellationToken);
        var delivered = await sender.SendAsync(Guid.CreateVersion7(), "alert.opened", receiver.Url("/hook"), AlertSecret, "{}", CancellationToken.None);

        Assert.Equal(HttpStatusCode.Forbidden, byLead.StatusCode);
        Assert.Equal("allow_private_network", (await TestApp.ReadJsonAsync(byLead)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
        Assert.True(delivered.Delivered, delivered.Error);
        Assert.Equal(1, receiver.RequestsTo("/hook"));
        await using var db = app.Database.Target.CreateContext();
        var audit = await db.AuditEvents.SingleAsync(a => a.Kind == OutboundGuard.AllowedAuditKind, TestContext.Current.CancellationToken);
        Assert.Equal(await app.UserIdAsync(TestApp.AdminEmail), audit.ActorId);
        Assert.Contains("\"via\":\"POST /api/webhooks\"", audit.DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedFetchesAndDeliveries_ClosedAndOpenPorts_ReadTheSame()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, allowLoopback: true, services =>
        {
            Quiet(services);
            services.AddSingleton(new OutboundOptions { AnswerTimeout = TimeSpan.FromSeconds(1) });
        });
        await using var ports = new PortStates();
        var registry = app.Services.GetRequiredService<ChannelRegistry>();
        var rss = app.Services.GetServices<IChannelConnector>().Single(c => c.Kind == ChannelKind.Rss);
        var sender = app.Services.GetRequiredService<WebhookSender>();

        var errors = new Dictionary<string, (string? Feed, string? Webhook)>();
        foreach (var (state, port) in ports.All)
        {
            var url = $"http://127.0.0.1:{port}/feed.xml";
            var added = await registry.AddAsync("default", ChannelKind.Rss, state, JsonSerializer.SerializeToElement(new { url }), CancellationToken.None);
            await app.Services.GetRequiredService<ConnectorHost>().RunChannelAsync(added.Channel!.Id, rss, CancellationToken.None);
            var sent = await sender.SendAsync(Guid.CreateVersion7(), "alert.opened", url, AlertSecret, "{}", CancellationToken.None);
            errors[state] = (await LastErrorAsync(app, added.Channel.Id), sent.Error);
        }

        Assert.All(errors, e => Assert.Equal(("could not reach 127.0.0.1", "could not reach 127.0.0.1"), e.Value));
        Assert.True(ports.Accepted >= 6, $"the open ports were connected to ({ports.Accepted} connections)");
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Commands_RefuseAPrivateHost_UntilTheOperatorAllowsIt_WhichIsAudited(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        const string hook = "http://127.0.0.1:9/hooks/earshot";
        const string feed = "http://[::1]:9/feed.xml";

        var refusedHook = await EarshotProcess.RunAsync("webhooks", "add", hook, "--secret", AlertSecret, "--db", database.DbArgument);
        var refusedFeed = await EarshotProcess.RunAsync("channels", "add", "rss", "--base-url", feed, "--db", database.DbArgument);
        var allowedHook = await EarshotProcess.RunAsync("webhooks", "add", hook, "--secret", AlertSecret, "--allow-private-network", "--db", database.DbArgument);
        var allowedFeed = await EarshotProcess.RunAsync("channels", "add", "rss", "--base-url", feed, "--allow-private-network", "--db", database.DbArgument);

        Assert.Equal(1, refusedHook.ExitCode);
        Assert.Equal($"error: url: refused: 127.0.0.1 is a private address; {PrivateNetworkConsent.Hint}", refusedHook.Error.Trim());
        Assert.Equal(1, refusedFeed.ExitCode);
        Assert.Equal($"error: url: refused: ::1 is a private address; {PrivateNetworkConsent.Hint}", refusedFeed.Error.Trim());
        Assert.True(allowedHook.ExitCode == 0, allowedHook.Error);
        Assert.True(allowedFeed.ExitCode == 0, allowedFeed.Error);
        await using var db = database.Target.CreateContext();
        Assert.Equal(["127.0.0.1", "::1"], (await db.PrivateHostAllowances.Select(a => a.Host).ToListAsync(TestContext.Current.CancellationToken)).Order(StringComparer.Ordinal));
        var audits = await db.AuditEvents.Where(a => a.Kind == OutboundGuard.AllowedAuditKind).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["{\"host\":\"127.0.0.1\",\"via\":\"webhooks add\"}", "{\"host\":\"::1\",\"via\":\"channels add\"}"],
            audits.Select(a => a.DataJson).Order(StringComparer.Ordinal));
        Assert.All(audits, a => Assert.Null(a.ActorId));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task MailServersGivenOverTheApi_OnAPrivateAddress_AreRefused_ButTheOperatorsConfiguredRelayIsTrusted(DatabaseKind kind)
    {
        await using var smtp = new SmtpListener();
        await using var app = await TestApp.StartAsync(kind, postgres, allowLoopback: false, services =>
        {
            Quiet(services);
            services.PostConfigure<SmtpOptions>(o => (o.Host, o.Port, o.Security, o.From) = ("127.0.0.1", smtp.Port, "none", "alerts@earshot.test"));
        });

        var channel = await app.Http.PostAsJsonAsync("/api/channels", new
        {
            kind = "email", settings = new { imap_url = "imap://10.1.2.3", smtp_url = "smtp://[fe80::1]", username = "care@brand.example", password = "p" },
        }, TestContext.Current.CancellationToken);
        var mail = new EmailSender.Mail(Guid.CreateVersion7(), "ops@brand.example", "spike", "text");
        var sent = await app.Services.GetRequiredService<EmailSender>().SendAsync([mail], CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, channel.StatusCode);
        var errors = (await TestApp.ReadJsonAsync(channel)).GetProperty("errors");
        Assert.StartsWith("refused: 10.1.2.3 is a private address;", errors.GetProperty("settings.imap_url")[0].GetString());
        Assert.StartsWith("refused: fe80::1 is a private address;", errors.GetProperty("settings.smtp_url")[0].GetString());
        Assert.Null(sent[mail.Id]);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task EveryHttpClientTheAppMakes_ConnectsThroughTheGuard()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        var names = app.Services.GetServices<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.Extensions.Http.HttpClientFactoryOptions>>()
            .OfType<Microsoft.Extensions.Options.ConfigureNamedOptions<Microsoft.Extensions.Http.HttpClientFactoryOptions>>()
            .Select(o => o.Name).OfType<string>().Append(Microsoft.Extensions.Options.Options.DefaultName).Distinct().ToList();
        var handlers = app.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        Assert.Contains(RssConnector.HttpClientName, names);
        Assert.Contains(WebhookSender.HttpClientName, names);
        Assert.All(names, name => Assert.True(OutboundHttp.IsGuarded(handlers.CreateHandler(name)), $"the HTTP client '{name}' bypasses the outbound guard"));
    }

    private const string AlertSecret = "test-webhook-secret-0123456789";

    // The connector host runs nothing by itself during these tests: each test runs its channels when it means to.
    private static void Quiet(IServiceCollection services) => services.AddSingleton(new ConnectorHostOptions { ScanInterval = TimeSpan.FromHours(1) });

    private static async Task<string?> LastErrorAsync(TestApp app, Guid channelId)
    {
        await using var db = app.Database.Target.CreateContext();
        return (await db.Channels.AsNoTracking().SingleAsync(c => c.Id == channelId)).Health.LastError;
    }

    /// <summary>An intranet service on 127.0.0.1: a feed, a redirect to localhost, an internal page; counts what it was asked.</summary>
    private sealed class CountingServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Uri _address;
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _paths = new();

        private CountingServer(WebApplication app, Uri address) => (_app, _address) = (app, address);

        public int Port => _address.Port;

        public int Requests => _paths.Count;

        public string Url(string path) => new Uri(_address, path).ToString();

        public int RequestsTo(string path) => _paths.Count(p => p == path);

        public static async Task<CountingServer> StartAsync(string feed)
        {
            CountingServer? server = null;
            var (app, address) = await LocalServer.StartAsync(app =>
            {
                app.Use(async (context, next) =>
                {
                    server!._paths.Enqueue(context.Request.Path.Value ?? "");
                    await next(context);
                });
                app.MapGet("/feed.xml", () => Results.Text(feed, "application/rss+xml"));
                app.MapGet("/moved", () => Results.Redirect($"http://localhost:{server!.Port}/internal"));
                app.MapGet("/internal", () => Results.Text(feed, "application/rss+xml"));
                app.MapPost("/hook", () => Results.Ok());
            });
            server = new CountingServer(app, address);
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
