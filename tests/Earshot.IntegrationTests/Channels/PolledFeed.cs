using Earshot.Connectors;
using Earshot.Connectors.Rss;
using Earshot.Engine.Channels;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Channels;

/// <summary>
/// A fake feed serving the liftoff RSS fixture and a running app whose connector host scans and retries quickly,
/// for tests of a feed polled by the server.
/// </summary>
internal sealed class PolledFeed : IAsyncDisposable
{
    private PolledFeed(string fixture, FakeFeedServer feed, TestApp app, int expected) =>
        (Fixture, Feed, App, Expected) = (fixture, feed, app, expected);

    /// <summary>The feed's XML as first served.</summary>
    public string Fixture { get; }

    public FakeFeedServer Feed { get; }
    public TestApp App { get; }
    /// <summary>How many posts the fixture maps to.</summary>
    public int Expected { get; }

    public static async Task<PolledFeed> StartAsync(DatabaseKind kind, PostgresServer postgres)
    {
        var fixture = await File.ReadAllTextAsync(SharedData.RequireFixture("rss/rss2_spec_sample_liftoff.xml"));
        var expected = RssMapper.Parse(new StringReader(fixture), null, out _).Posts.Count;
        var feed = await FakeFeedServer.StartAsync(fixture);
        var app = await TestApp.StartAsync(kind, postgres, services => services.AddSingleton(new ConnectorHostOptions
        {
            ScanInterval = TimeSpan.FromMilliseconds(100),
            FirstBackoff = TimeSpan.FromMilliseconds(200),
        }));
        return new PolledFeed(fixture, feed, app, expected);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Feed.DisposeAsync();
    }
}
