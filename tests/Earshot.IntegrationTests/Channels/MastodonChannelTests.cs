using System.Text.Json;
using Earshot.Connectors;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Channels;

/// <summary>A hashtag followed on a Mastodon server through real SSE and REST, across a dropped stream.</summary>
public sealed class MastodonChannelTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Hashtag_StreamedWithCatchUpAfterADrop_StoresEveryStatusOnce_AndKeepsTheTokenSecret(DatabaseKind kind)
    {
        await using var mastodon = await FakeMastodonServer.StartAsync(await File.ReadAllTextAsync(SharedData.RequireFixture("mastodon/timeline_tag_hoot.json")));
        mastodon.AddToTimeline(mastodon.Status(100, "already posted before we listened"));
        await using var app = await TestApp.StartAsync(kind, postgres, services => services.AddSingleton(new ConnectorHostOptions
        {
            ScanInterval = TimeSpan.FromMilliseconds(100),
            FirstBackoff = TimeSpan.FromMilliseconds(200),
        }));
        var added = await app.Services.GetRequiredService<ChannelRegistry>().AddAsync("brand", ChannelKind.Mastodon, "fake #hoot",
            JsonSerializer.SerializeToElement(new { base_url = mastodon.BaseUrl.ToString(), token = "secret-token-123", hashtag = "hoot", stall_seconds = 5 }),
            CancellationToken.None);
        Assert.Empty(added.Errors);

        await Wait.UntilAsync(async () => (await TextsAsync(app)).Count == 1, "the timeline is caught up");
        await Wait.UntilAsync(() => Task.FromResult(mastodon.StreamConnections == 1), "the stream is open");

        var live = mastodon.Status(101, "streamed live");
        mastodon.Stream(live);
        mastodon.Stream(live); // a duplicate delivery
        await Wait.UntilAsync(async () => (await TextsAsync(app)).Count == 2, "the streamed status is stored");

        mastodon.AddToTimeline(live);
        mastodon.AddToTimeline(mastodon.Status(102, "posted while we were disconnected"));
        mastodon.DropStream();
        await Wait.UntilAsync(async () => (await TextsAsync(app)).Count == 3, "the gap is caught up after the reconnect");
        await Wait.UntilAsync(() => Task.FromResult(mastodon.StreamConnections >= 2), "the stream is reopened");

        // Deleted at the source (the event names the status by its id on this server): hidden here, not erased.
        mastodon.StreamDelete(101);
        await Wait.UntilAsync(async () =>
        {
            await using var check = app.Database.Target.CreateContext();
            return await check.Posts.AnyAsync(p => p.ExternalId == "https://fake.social/users/someone/statuses/101" && p.IsDeleted);
        }, "the deleted status is hidden");

        var texts = await TextsAsync(app);
        Assert.Equal(3, texts.Count);
        Assert.Contains(texts, t => t.StartsWith("posted while we were disconnected", StringComparison.Ordinal));
        Assert.All(mastodon.Authorizations, header => Assert.Equal("Bearer secret-token-123", header));
        await using var db = app.Database.Target.CreateContext();
        var settings = await db.Channels.Where(c => c.Kind == ChannelKind.Mastodon).Select(c => c.SettingsJson).SingleAsync();
        Assert.DoesNotContain("secret-token-123", settings, StringComparison.Ordinal);
        Assert.Contains("protected:", settings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelsAddMastodon_ChecksSettings_AndNeverPrintsTheToken()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);

        var bad = await EarshotProcess.RunAsync("channels", "add", "mastodon", "--base-url", "https://m.example", "--token", "t0k3n", "--hashtag", "bad tag!", "--query", "(refund", "--db", database.DbArgument);
        var missing = await EarshotProcess.RunAsync("channels", "add", "mastodon", "--base-url", "https://m.example", "--hashtag", "hoot", "--db", database.DbArgument);
        var good = await EarshotProcess.RunAsync("channels", "add", "mastodon", "--base-url", "https://m.example", "--token", "t0k3n", "--hashtag", "#hoot", "--db", database.DbArgument);
        var list = await EarshotProcess.RunAsync("channels", "list", "--json", "--db", database.DbArgument);

        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("hashtag: a hashtag of letters, digits and underscores is required", bad.Error, StringComparison.Ordinal);
        Assert.Contains("query: Expected ')' at column 8", bad.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(0, good.ExitCode);
        var channel = JsonDocument.Parse(list.Output).RootElement.EnumerateArray().Single();
        Assert.Equal("m.example #hoot", channel.GetProperty("name").GetString());
        Assert.DoesNotContain("t0k3n", list.Output, StringComparison.Ordinal);
    }

    private static async Task<List<string>> TextsAsync(TestApp app)
    {
        await using var db = app.Database.Target.CreateContext();
        return await db.Posts.Where(p => p.Channel!.Kind == ChannelKind.Mastodon).Select(p => p.Text).ToListAsync();
    }

}
