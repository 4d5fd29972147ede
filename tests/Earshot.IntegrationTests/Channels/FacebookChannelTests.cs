using System.Net;
using System.Text;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.Engine.Workspaces;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Channels;

/// <summary>Meta webhooks over real HTTP with the recorded fixture bodies and signatures: handshake, delivery, repeats, forgeries.</summary>
public sealed class FacebookChannelTests(PostgresServer postgres)
{
    public const string AppSecret = "fixture-app-secret-do-not-use";

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task SignedDeliveries_StoredOnce_EditsRemovalsAndForgeriesHandled(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await AddChannelsAsync(app.Services.GetRequiredService<ChannelRegistry>());

        Assert.Equal(HttpStatusCode.OK, (await SendFixtureAsync(app, "webhook_feed_comment_add")).StatusCode);
        await Wait.UntilAsync(async () => (await VisibleIdsAsync(app)).Contains("712750021053074_1063824911537852"), "the comment is stored");

        var repeat = await SendFixtureAsync(app, "webhook_feed_comment_add");
        var batched = await SendFixtureAsync(app, "webhook_feed_batched_two_entries");
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(HttpStatusCode.OK, batched.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendFixtureAsync(app, "webhook_instagram_comment")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendFixtureAsync(app, "webhook_feed_comment_edited")).StatusCode);
        await Wait.UntilAsync(async () => (await VisibleIdsAsync(app)).Count == 3, "the Instagram comment and the edited comment are stored");
        Assert.Equal(HttpStatusCode.OK, (await SendFixtureAsync(app, "webhook_feed_comment_remove")).StatusCode);
        await Wait.UntilAsync(async () => (await VisibleIdsAsync(app)).Count == 2, "the removed comment is hidden");

        var forged = await SendAsync(app, Fixture("webhook_feed_comment_add.json").Replace("+1", "-1", StringComparison.Ordinal), Signature("webhook_feed_comment_add"));
        var unsigned = await SendAsync(app, Fixture("webhook_feed_comment_add.json"), null);
        var unknownPage = await SendFixtureAsync(app, "webhook_feed_comment_emoji_escaped");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        // A page with no channel is answered as a forgery is: anonymous callers cannot probe which pages exist.
        Assert.Equal(HttpStatusCode.Forbidden, unknownPage.StatusCode);
        var (forgedProblem, unknownProblem) = (await TestApp.ReadJsonAsync(forged), await TestApp.ReadJsonAsync(unknownPage));
        Assert.Equal(forgedProblem.GetProperty("title").GetString(), unknownProblem.GetProperty("title").GetString());
        Assert.Equal(forgedProblem.GetProperty("detail").GetString(), unknownProblem.GetProperty("detail").GetString());

        await using var db = app.Database.Target.CreateContext();
        await Wait.UntilAsync(async () => !await db.InboundDeliveries.AnyAsync(d => d.ProcessedAt == null), "every delivery is processed");
        // The repeat stored nothing; the batch is new bytes, but its first entry is the same comment again.
        Assert.Equal(5, await db.InboundDeliveries.CountAsync());
        Assert.Equal(["17919697626119712", "712750021053074_1063824911537852"], await VisibleIdsAsync(app));
        Assert.Equal(1, await db.Posts.CountAsync(p => p.ExternalId == "712750021053074_1063824911537852"));
        Assert.True(await db.Posts.AnyAsync(p => p.ExternalId == "139560936744456_139597043408045" && p.IsDeleted && p.Text == "Great"));
        var instagram = await db.Posts.Include(p => p.Channel).SingleAsync(p => p.ExternalId == "17919697626119712");
        Assert.Equal((ChannelKind.Instagram, "@acme love this!"), (instagram.Channel!.Kind, instagram.Text));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task HideThenUnhide_CommentLeavesAndReturns(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await AddChannelsAsync(app.Services.GetRequiredService<ChannelRegistry>());
        var add = Fixture("webhook_feed_comment_add.json");
        const string comment = "712750021053074_1063824911537852";

        await SendSignedAsync(app, add);
        await Wait.UntilAsync(async () => (await VisibleIdsAsync(app)).Contains(comment), "the comment is stored");
        await SendSignedAsync(app, add.Replace("\"verb\":\"add\"", "\"verb\":\"hide\"", StringComparison.Ordinal));
        await Wait.UntilAsync(async () => !(await VisibleIdsAsync(app)).Contains(comment), "the hidden comment leaves the lists");
        await SendSignedAsync(app, add.Replace("\"verb\":\"add\"", "\"verb\":\"unhide\"", StringComparison.Ordinal));
        await Wait.UntilAsync(async () => (await VisibleIdsAsync(app)).Contains(comment), "the unhidden comment returns");
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task DeliveryStoredBeforeACrash_IsProcessedWhenTheAppStarts(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, CancellationToken.None);
        var contexts = new EarshotDbContextFactory(database.Target);
        var registry = new ChannelRegistry(contexts, new WorkspaceDirectory(contexts, TimeProvider.System),
            [new Earshot.Connectors.Facebook.FacebookConnector(), new Earshot.Connectors.Facebook.InstagramConnector()],
            SecretBox.For(database.Target), new Earshot.Connectors.Shared.Outbound.OutboundGuard(contexts, TimeProvider.System, new()), TimeProvider.System);
        await AddChannelsAsync(registry);
        // What the endpoint had stored when the process died, before the worker got to it.
        await using (var db = database.Target.CreateContext())
        {
            db.InboundDeliveries.Add(new InboundDelivery
            {
                Source = "meta", BodyHash = "not-checked-on-processing", Body = Fixture("webhook_feed_comment_add.json"), ReceivedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        await using var app = await TestApp.StartAsyncOver(database);

        await Wait.UntilAsync(async () => (await VisibleIdsAsync(app)).Contains("712750021053074_1063824911537852"), "the stored delivery is processed");
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    public async Task Handshake_EchoesTheChallenge_OnlyForAConfiguredVerifyToken(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await AddChannelsAsync(app.Services.GetRequiredService<ChannelRegistry>());

        var good = await app.Http.GetAsync("/api/webhooks/facebook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock");
        var bad = await app.Http.GetAsync("/api/webhooks/facebook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=wrong");

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("1158201444", await good.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", good.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
    }

    [Fact]
    public async Task AddFacebook_FromTheCommandLine_SecretsEncrypted()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        var added = await EarshotProcess.RunAsync("channels", "add", "facebook", "--page-id", "206070979425408", "--app-secret", AppSecret,
            "--verify-token", "meatyhamhock", "--page-token", "page-token-123", "--db", database.DbArgument);
        var badId = await EarshotProcess.RunAsync("channels", "add", "facebook", "--page-id", "my page", "--app-secret", AppSecret,
            "--verify-token", "meatyhamhock", "--page-token", "page-token-123", "--db", database.DbArgument);

        Assert.Equal(0, added.ExitCode);
        Assert.Contains("Added facebook channel 'facebook 206070979425408'", added.Output, StringComparison.Ordinal);
        Assert.Equal(1, badId.ExitCode);
        Assert.Contains("page_id: the numeric id", badId.Error, StringComparison.Ordinal);
        await using var db = database.Target.CreateContext();
        var settings = await db.Channels.Where(c => c.Kind == ChannelKind.Facebook).Select(c => c.SettingsJson).SingleAsync();
        Assert.Contains("206070979425408", settings, StringComparison.Ordinal);
        Assert.DoesNotContain(AppSecret, settings, StringComparison.Ordinal);
        Assert.DoesNotContain("meatyhamhock", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("page-token-123", settings, StringComparison.Ordinal);
    }

    internal static async Task AddChannelsAsync(ChannelRegistry registry)
    {
        foreach (var (kind, field, id) in new[]
        {
            (ChannelKind.Facebook, "page_id", "206070979425408"),
            (ChannelKind.Facebook, "page_id", "137542570280222"),
            (ChannelKind.Instagram, "account_id", "17841474524784050"),
        })
        {
            var settings = new Dictionary<string, string>
            {
                [field] = id, ["app_secret"] = AppSecret, ["verify_token"] = "meatyhamhock", ["access_token"] = "page-token",
            };
            var added = await registry.AddAsync("brand", kind, $"{kind.WireName()} {id}", JsonSerializer.SerializeToElement(settings), CancellationToken.None);
            Assert.Empty(added.Errors);
        }
    }

    private static string Fixture(string file) => File.ReadAllText(SharedData.RequireFixture("facebook/" + file), Encoding.UTF8);

    private static string Signature(string fixture) =>
        Fixture(fixture + ".http").Split("\r\n").Single(l => l.StartsWith("X-Hub-Signature-256:", StringComparison.Ordinal))["X-Hub-Signature-256:".Length..].Trim();

    private static async Task SendSignedAsync(TestApp app, string body) =>
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(app, body, HmacSignature.Compute(AppSecret, [], Encoding.UTF8.GetBytes(body)))).StatusCode);

    private static Task<HttpResponseMessage> SendFixtureAsync(TestApp app, string fixture) =>
        SendAsync(app, Fixture(fixture + ".json"), Signature(fixture));

    private static Task<HttpResponseMessage> SendAsync(TestApp app, string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/facebook") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new("application/json");
        if (signature is not null)
            request.Headers.Add("X-Hub-Signature-256", signature);
        return app.Http.SendAsync(request);
    }

    private static async Task<List<string>> VisibleIdsAsync(TestApp app)
    {
        await using var db = app.Database.Target.CreateContext();
        return await db.Posts.Where(p => !p.IsDeleted && (p.Channel!.Kind == ChannelKind.Facebook || p.Channel!.Kind == ChannelKind.Instagram))
            .OrderBy(p => p.ExternalId).Select(p => p.ExternalId).ToListAsync();
    }
}
