using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Connectors.X;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.Engine.Pipeline;
using Earshot.Engine.Workspaces;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Earshot.IntegrationTests.Channels;

/// <summary>
/// 100,000 posts through the X connector, the connector host and the ingest service into a real SQLite file, over a
/// stream that drops at random points (sometimes mid-post), replays posts after reconnecting and leaves gaps only
/// recent search can fill. Exactly once: every post stored, none twice. The schedule comes from a seed printed with
/// any failure; EARSHOT_SOAK_SEED replays one.
/// </summary>
public sealed class XStreamSoakTests(PostgresServer postgres)
{
    private const int Total = 100_000;

    [Fact]
    public async Task FilteredStream_RandomDropsReplaysAndGaps_StoresEveryPostExactlyOnce()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("EARSHOT_SOAK_SEED"), CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next();
        TestContext.Current.TestOutputHelper?.WriteLine($"soak seed {seed} (set EARSHOT_SOAK_SEED={seed} to replay)");
        var firehose = new FakeXFirehose(Total, seed);
        var (x, address) = await LocalServer.StartAsync(firehose.Map);
        await using var _ = x;
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        await Migrator.MigrateAsync(database.Target, CancellationToken.None);

        var contexts = new EarshotDbContextFactory(database.Target);
        var clock = TimeProvider.System;
        var directory = new WorkspaceDirectory(contexts, clock);
        var http = new ServiceCollection().AddHttpClient(XConnector.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).Services
            .BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var secrets = SecretBox.For(database.Target);
        var connector = new XConnector(http, secrets, new XConnectorOptions { Reconnect = TimeSpan.Zero, MaxSearchPages = 5 }, clock);
        var writers = new PostWriters(database.Target, clock);
        var ingest = new IngestService(directory, writers, new PipelineSignal(), contexts);
        var host = new ConnectorHost(contexts, [connector], ingest, clock, new ConnectorHostOptions(), NullLogger<ConnectorHost>.Instance);
        var added = await new ChannelRegistry(contexts, directory, [connector], secrets, new OutboundGuard(contexts, clock, new OutboundOptions()), clock).AddAsync("brand", ChannelKind.X, "x soak", JsonSerializer.SerializeToElement(new
        {
            base_url = address.ToString().TrimEnd('/'), bearer_token = "x-bearer", rule = "acme", follow_topics = false, stall_seconds = 5,
        }), CancellationToken.None);
        Assert.Empty(added.Errors);

        // Five search pages a run (not fifty) so deep gaps are continued across runs, as a long outage needs.
        // The host's own schedule would wait out its back-off between runs; the soak runs them back to back.
        var watch = Stopwatch.StartNew();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var runs = 0;
        while (await StoredAsync(database) < Total && !limit.IsCancellationRequested)
        {
            try
            {
                await host.RunChannelAsync(added.Channel!.Id, connector, limit.Token);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                break; // the assertions below say how far it got
            }
            runs++;
            if (runs % 10 == 0)
                TestContext.Current.TestOutputHelper?.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: {runs} runs, {await StoredAsync(database)} stored");
        }

        await using var db = database.Target.CreateContext();
        var stored = await db.Posts.Where(p => p.ChannelId == added.Channel!.Id).Select(p => p.ExternalId).ToListAsync();
        var ids = stored.ToHashSet();
        var report = $"seed {seed}: {runs} runs in {watch.Elapsed.TotalSeconds:0.0} s, {firehose.Connections} connections, {firehose.Drops} drops "
                     + $"({firehose.MidPostDrops} mid-post), {firehose.Replayed} replayed, {firehose.GapPosts} posts only in gaps, {firehose.Searches} searches; stored {stored.Count}";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        var missing = Enumerable.Range(0, Total).Where(i => !ids.Contains(FakeXFirehose.IdOf(i))).ToList();
        if (missing.Count > 0)
        {
            foreach (var line in firehose.Log)
                TestContext.Current.TestOutputHelper?.WriteLine(line);
        }
        Assert.True(missing.Count == 0, $"{missing.Count} missing, first {string.Join(", ", missing.Take(5))}, last {missing.LastOrDefault()}; {report}");
        Assert.True(stored.Count == Total, report);
        Assert.True(ids.Count == stored.Count, "a post was stored twice; " + report);
        // The schedule really was hostile.
        Assert.True(firehose.Drops >= 20 && firehose.MidPostDrops >= 5 && firehose.Replayed > 0 && firehose.GapPosts > 0, report);
    }

    private static async Task<int> StoredAsync(TestDatabase database)
    {
        await using var db = database.Target.CreateContext();
        return await db.Posts.CountAsync();
    }
}
