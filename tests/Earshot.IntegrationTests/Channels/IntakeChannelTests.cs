using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Intake;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Channels;

/// <summary>Posts pushed to the signed intake webhook over real HTTP: accepted, partly invalid, forged, replayed, too big.</summary>
public sealed class IntakeChannelTests(PostgresServer postgres)
{
    private const string Secret = "intake-secret-0123456789";

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task SignedBatch_ValidItemsStored_InvalidOnesListedByIndexAndField(DatabaseKind kind)
    {
        await using var app = await StartWithChannelAsync(kind);
        var body = """[{"id":"f-1","channel":"webchat","author":"ana","text":"My order never arrived"},{"id":"f-2","channel":"webchat","text":"no author"},{"id":"f-3","channel":"webchat","author":"bo","text":"Thanks!"}]""";

        var response = await SendAsync(app, "shop", body, Secret, Now());
        var problem = await TestApp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("'author' is required", problem.GetProperty("errors").GetProperty("[1].author")[0].GetString());
        Assert.Equal(["f-1", "f-3"], problem.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("external_id").GetString()));
        Assert.Equal(["f-1", "f-3"], await StoredIdsAsync(app));

        var again = await SendAsync(app, "shop", """{"id":"f-1","channel":"webchat","author":"ana","text":"My order never arrived"}""", Secret, Now());
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("duplicate", (await TestApp.ReadJsonAsync(again)).GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal(2, (await app.Services.GetRequiredService<ChannelRegistry>().ListAsync(CancellationToken.None)).Single().Health.PostsReceived);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Refusals_UnsignedForgedStaleOversizedUnknown_NothingStored(DatabaseKind kind)
    {
        await using var app = await StartWithChannelAsync(kind);
        var body = """{"id":"x-1","channel":"webchat","author":"mallory","text":"hello"}""";

        var unsigned = await app.Http.PostAsync("/api/intake/shop", new StringContent(body, Encoding.UTF8, "application/json"));
        var forged = await SendAsync(app, "shop", body, "another-secret-0123456789", Now());
        var stale = await SendAsync(app, "shop", body, Secret, Now() - 301);
        // Well past the 300 s allowed: a loaded machine may take seconds between taking the time and the server checking it.
        var future = await SendAsync(app, "shop", body, Secret, Now() + 360);
        var unknown = await SendAsync(app, "nope", body, Secret, Now());
        var huge = await SendAsync(app, "shop", $$"""{"id":"x-2","channel":"webchat","author":"m","text":"{{new string('a', Api.IntakeApi.MaxBodyBytes)}}"}""", Secret, Now());
        var tampered = await SendTamperedAsync(app, body);

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Equal("Stale timestamp", (await TestApp.ReadJsonAsync(stale)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, future.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Empty(await StoredIdsAsync(app));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task ReplayOfTheOriginal_AfterAnEdit_TextStaysEdited_AndANewerEditStillApplies(DatabaseKind kind)
    {
        await using var app = await StartWithChannelAsync(kind);
        // A second node on the same database: the replay must be refused by the database, not by one node's memory.
        await using var other = await TestApp.StartAsyncOver(app.Database, ownsDatabase: false);
        var now = Now();
        const string Original = """{"id":"e-1","channel":"webchat","author":"ana","text":"My order 1234 never arrived"}""";
        const string Edit = """{"id":"e-1","channel":"webchat","author":"ana","text":"My order 1243 never arrived"}""";
        const string Later = """{"id":"e-1","channel":"webchat","author":"ana","text":"Found it, thanks"}""";

        Assert.Equal("stored", await StatusAsync(await SendAsync(app, "shop", Original, Secret, now - 20)));
        Assert.Equal("edited", await StatusAsync(await SendAsync(app, "shop", Edit, Secret, now - 10)));
        var replay = await SendAsync(other, "shop", Original, Secret, now - 20);

        Assert.Equal("duplicate", await StatusAsync(replay));
        Assert.Equal("My order 1243 never arrived", await TextOfAsync(app, "e-1"));
        Assert.Equal("edited", await StatusAsync(await SendAsync(other, "shop", Later, Secret, now)));
        Assert.Equal("Found it, thanks", await TextOfAsync(app, "e-1"));
        Assert.Equal("duplicate", await StatusAsync(await SendAsync(app, "shop", Edit, Secret, now - 10)));
        Assert.Equal("Found it, thanks", await TextOfAsync(app, "e-1"));

        // Within one second the timestamps tie: the message a revision already holds is the older one.
        const string First = """{"id":"e-2","channel":"webchat","author":"bo","text":"first"}""";
        const string Second = """{"id":"e-2","channel":"webchat","author":"bo","text":"second"}""";
        Assert.Equal("stored", await StatusAsync(await SendAsync(app, "shop", First, Secret, now)));
        Assert.Equal("edited", await StatusAsync(await SendAsync(app, "shop", Second, Secret, now)));
        Assert.Equal("duplicate", await StatusAsync(await SendAsync(other, "shop", First, Secret, now)));
        Assert.Equal("second", await TextOfAsync(app, "e-2"));
    }

    [Fact]
    public async Task AddIntake_FromTheCommandLine_SecretEncryptedAndUsable()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        var shortSecret = await EarshotProcess.RunAsync("channels", "add", "intake", "--name", "forms", "--secret", "short", "--db", database.DbArgument);
        var added = await EarshotProcess.RunAsync("channels", "add", "intake", "--name", "forms", "--secret", Secret, "--db", database.DbArgument);

        Assert.Equal(1, shortSecret.ExitCode);
        Assert.Contains("secret: a shared secret of at least 16 characters", shortSecret.Error, StringComparison.Ordinal);
        Assert.Equal(0, added.ExitCode);
        await using (var db = database.Target.CreateContext())
        {
            var settings = await db.Channels.Where(c => c.Kind == ChannelKind.Intake).Select(c => c.SettingsJson).SingleAsync();
            Assert.DoesNotContain(Secret, settings, StringComparison.Ordinal);
        }

        await using var app = await TestApp.StartAsyncOver(database);
        var response = await SendAsync(app, "forms", """{"id":"c-1","channel":"webchat","author":"ana","text":"hi"}""", Secret, Now());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task PausedChannel_RefusesDeliveriesAsUnknown_UntilResumed(DatabaseKind kind)
    {
        await using var app = await StartWithChannelAsync(kind);
        var registry = app.Services.GetRequiredService<ChannelRegistry>();
        var body = """{"id":"p-1","channel":"webchat","author":"ana","text":"Is anyone there?"}""";

        Assert.NotNull(await registry.SetPausedAsync("shop", true, Earshot.Engine.Audit.AuditActor.Cli, CancellationToken.None));
        var whilePaused = await SendAsync(app, "shop", body, Secret, Now());
        Assert.NotNull(await registry.SetPausedAsync("shop", false, Earshot.Engine.Audit.AuditActor.Cli, CancellationToken.None));
        var resumed = await SendAsync(app, "shop", body, Secret, Now());

        // Refused like an unknown channel, so the sender keeps the post and retries it; nothing is stored meanwhile.
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Accepted), (whilePaused.StatusCode, resumed.StatusCode));
        Assert.Equal(["p-1"], await StoredIdsAsync(app));
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private async Task<TestApp> StartWithChannelAsync(DatabaseKind kind)
    {
        var app = await TestApp.StartAsync(kind, postgres);
        var added = await app.Services.GetRequiredService<ChannelRegistry>().AddAsync("brand", ChannelKind.Intake, "shop",
            JsonSerializer.SerializeToElement(new { secret = Secret }), CancellationToken.None);
        Assert.Empty(added.Errors);
        return app;
    }

    private static Task<HttpResponseMessage> SendAsync(TestApp app, string channel, string body, string secret, long timestamp)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/intake/{channel}") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(IntakeSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(IntakeSignature.SignatureHeader, IntakeSignature.Sign(secret, timestamp, bytes));
        return app.Http.SendAsync(request);
    }

    // Signed for one body, sent with another: the signature covers the bytes, not the meaning.
    private static Task<HttpResponseMessage> SendTamperedAsync(TestApp app, string body)
    {
        var timestamp = Now();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/shop") { Content = new StringContent(body.Replace("hello", "HELLO", StringComparison.Ordinal), Encoding.UTF8, "application/json") };
        request.Headers.Add(IntakeSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(IntakeSignature.SignatureHeader, IntakeSignature.Sign(Secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return app.Http.SendAsync(request);
    }

    private static async Task<string?> StatusAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await TestApp.ReadJsonAsync(response)).GetProperty("results")[0].GetProperty("status").GetString();
    }

    private static async Task<string> TextOfAsync(TestApp app, string externalId)
    {
        await using var db = app.Database.Target.CreateContext();
        return await db.Posts.Where(p => p.ExternalId == externalId).Select(p => p.Text).SingleAsync();
    }

    private static async Task<List<string>> StoredIdsAsync(TestApp app)
    {
        await using var db = app.Database.Target.CreateContext();
        return await db.Posts.Where(p => p.Channel!.Kind == ChannelKind.Intake).OrderBy(p => p.ExternalId).Select(p => p.ExternalId).ToListAsync();
    }
}
