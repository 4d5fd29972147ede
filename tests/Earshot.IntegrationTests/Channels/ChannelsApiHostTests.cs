using System.Net.Http.Json;
using Earshot.Connectors;
using Earshot.Connectors.Rss;
using Earshot.Core.Posts;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Channels;

/// <summary>A channel added over the API is run by the server already running, and stops when it is removed.</summary>
public sealed class ChannelsApiHostTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task FeedAddedOverTheApi_IsPolledWithoutARestart_AndRemovingItStopsPollingButKeepsItsPosts(DatabaseKind kind)
    {
        await using var polled = await PolledFeed.StartAsync(kind, postgres);
        var (feed, app, expected) = (polled.Feed, polled.App, polled.Expected);
        // Let the host scan an empty table first, so the channel below can only be found by a later scan.
        await Task.Delay(300);
        Assert.Empty(feed.ConditionalHeaders);

        await app.EnsureWorkspaceAsync("news");
        var added = await app.Http.PostAsJsonAsync("/api/channels", new
        {
            kind = "rss", workspace = "news", name = "liftoff", settings = new { url = feed.Url.ToString(), interval_seconds = 1 },
        });
        added.EnsureSuccessStatusCode();
        var id = (await TestApp.ReadJsonAsync(added)).GetProperty("id").GetGuid();

        await Wait.UntilAsync(async () => await CountAsync(app) == expected, "the feed's entries are stored");
        await Wait.UntilAsync(() => Task.FromResult(feed.ConditionalHeaders.Count >= 2), "the feed is polled again");

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await app.Http.DeleteAsync($"/api/channels/{id}")).StatusCode);
        await Task.Delay(500); // a poll already under way may finish
        var polls = feed.ConditionalHeaders.Count;
        await Task.Delay(2500); // more than two intervals
        Assert.Equal(polls, feed.ConditionalHeaders.Count);
        Assert.Equal(expected, await CountAsync(app));
    }

    private static async Task<int> CountAsync(TestApp app)
    {
        await using var db = app.Database.Target.CreateContext();
        return await db.Posts.CountAsync(p => p.Channel!.Kind == ChannelKind.Rss);
    }
}
