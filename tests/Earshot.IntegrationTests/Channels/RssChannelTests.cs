using System.Net;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Rss;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Channels;

/// <summary>A feed polled by the running server through real HTTP: conditional GET, failures, a new entry.</summary>
public sealed class RssChannelTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Feed_IsPolledConditionally_FailuresShowInHealth_AndNewEntriesAreStoredOnce(DatabaseKind kind)
    {
        await using var polled = await PolledFeed.StartAsync(kind, postgres);
        var (feed, app, expected) = (polled.Feed, polled.App, polled.Expected);
        var registry = app.Services.GetRequiredService<ChannelRegistry>();

        var added = await registry.AddAsync("news", ChannelKind.Rss, "liftoff",
            JsonSerializer.SerializeToElement(new { url = feed.Url.ToString(), interval_seconds = 1 }), CancellationToken.None);
        Assert.Empty(added.Errors);

        await Wait.UntilAsync(async () => await CountAsync(app) == expected, "the feed's entries are stored");
        await Wait.UntilAsync(() => Task.FromResult(feed.ConditionalHeaders.Contains("\"v1\"")), "the next poll is conditional");
        Assert.Equal(expected, await CountAsync(app));

        feed.Failure = HttpStatusCode.InternalServerError;
        await Wait.UntilAsync(async () => (await HealthAsync(registry)).ConsecutiveFailures >= 1, "a failure is recorded");
        Assert.Contains("500", (await HealthAsync(registry)).LastError, StringComparison.Ordinal);

        feed.Failure = null;
        feed.ETag = "\"v2\"";
        feed.Body = polled.Fixture.Replace("<item>", """
            <item><title>Earshot hears this</title><link>https://example.com/earshot</link><guid>earshot-1</guid><description>A new entry</description></item>
            <item>
            """, StringComparison.Ordinal);
        await Wait.UntilAsync(async () => await CountAsync(app) == expected + 1, "the new entry is stored");
        await Wait.UntilAsync(async () => (await HealthAsync(registry)).ConsecutiveFailures == 0, "health recovers");
        await Task.Delay(1500);
        Assert.Equal(expected + 1, await CountAsync(app));

        var listed = await app.GetJsonAsync("/api/channels");
        Assert.Equal("rss", listed[0].GetProperty("kind").GetString());
        Assert.Equal(expected + 1, listed[0].GetProperty("health").GetProperty("posts_received").GetInt64());
    }

    [Fact]
    public async Task ChannelsCommands_RejectABadUrl_AddListAndRemoveAFeed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);

        var bad = await EarshotProcess.RunAsync("channels", "add", "rss", "--base-url", "not a url", "--db", database.DbArgument);
        var add = await EarshotProcess.RunAsync("channels", "add", "rss", "--base-url", "https://blog.example.com/feed.xml", "--interval", "600", "--db", database.DbArgument);
        var duplicate = await EarshotProcess.RunAsync("channels", "add", "rss", "--base-url", "https://blog.example.com/feed.xml", "--db", database.DbArgument);
        var list = await EarshotProcess.RunAsync("channels", "list", "--db", database.DbArgument);
        var remove = await EarshotProcess.RunAsync("channels", "remove", "blog.example.com/feed.xml", "--db", database.DbArgument);
        var after = await EarshotProcess.RunAsync("channels", "list", "--db", database.DbArgument);

        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("url: the feed's address must be an absolute http or https URL", bad.Error, StringComparison.Ordinal);
        Assert.Equal(0, add.ExitCode);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("default\trss\tblog.example.com/feed.xml\tok\tlast success never", list.Output, StringComparison.Ordinal);
        Assert.Equal(0, remove.ExitCode);
        Assert.Contains("No channels yet", after.Output, StringComparison.Ordinal);
    }

    private static async Task<int> CountAsync(TestApp app)
    {
        await using var db = app.Database.Target.CreateContext();
        return await db.Posts.CountAsync(p => p.Channel!.Kind == ChannelKind.Rss);
    }

    private static async Task<ChannelHealth> HealthAsync(ChannelRegistry registry) => (await registry.ListAsync(CancellationToken.None)).Single().Health;

}
