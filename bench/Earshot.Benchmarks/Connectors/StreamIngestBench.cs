using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Bluesky;
using Earshot.Connectors.Mastodon;
using Earshot.Connectors.X;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.Engine.Pipeline;
using Earshot.Engine.Workspaces;
using Earshot.Hosting;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Earshot.Benchmarks.Connectors;

/// <summary>
/// `stream-ingest [--posts N] [--only x|mastodon|bluesky] [--neighbour] [--skip-sqlite] [--skip-postgres]`: each
/// streaming connector (X filtered stream, Mastodon streaming, Bluesky Jetstream) reads N posts from a local server
/// speaking its real transport and stores them, end to end through the connector host, as `earshot serve` runs it.
/// The peer, in the same run on the same posts: the same parsed posts stored one transaction per post, as a
/// connector that stores each event as it arrives does.
/// With `--neighbour`, another writer takes SQLite's write lock every 20 ms meanwhile and reports its waits.
/// </summary>
public sealed class StreamIngestBench : IBench
{
    /// <summary>The peer is slow by design; it stores this many posts, enough for a steady rate.</summary>
    private const int PeerPosts = 10_000;

    private const int WarmUpPosts = 10_000;
    private const int WarmUpRounds = 4;

    public string Name => "stream-ingest";
    public string Description => "posts/s from X, Mastodon and Bluesky streams on local servers into the database, vs one transaction per post";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = args.Contains("--posts") ? int.Parse(args[Array.IndexOf(args, "--posts") + 1], CultureInfo.InvariantCulture) : 100_000;
        ChannelKind[] networks = [ChannelKind.X, ChannelKind.Mastodon, ChannelKind.Bluesky];
        if (args.Contains("--only"))
        {
            var name = args.ElementAtOrDefault(Array.IndexOf(args, "--only") + 1);
            if (!ChannelKinds.TryParse(name, out var only) || !networks.Contains(only))
                throw new ArgumentException($"--only takes x, mastodon or bluesky, not '{name}'.");
            networks = [only];
        }
        var withNeighbour = args.Contains("--neighbour");
        var fixtures = Path.Combine(Path.GetDirectoryName(Detection.DataFolder.Find("nab-twitter-volume") ?? throw new InvalidOperationException("../shared not found"))!, "..", "fixtures");
        await using var server = await FakeStreams.StartAsync();
        await WarmUpAsync(server, fixtures, cancellationToken);
        server.XBody = StreamPayloads.X(count);
        server.MastodonBody = StreamPayloads.Mastodon(fixtures, count);
        server.JetstreamMessages = StreamPayloads.Jetstream(fixtures, count);
        // `earshot serve` runs with server GC (the Web SDK's default); run the bench with DOTNET_gcServer=1 to match it.
        Console.WriteLine($"garbage collector: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
        Console.WriteLine($"{count:N0} posts per stream; X {server.XBody.Length / 1048576.0:0.0} MiB, Mastodon {server.MastodonBody.Length / 1048576.0:0.0} MiB, "
                          + $"Jetstream {server.JetstreamMessages.Sum(m => m.Length) / 1048576.0:0.0} MiB; served from {server.Address}");

        foreach (var network in new[] { ChannelKind.X, ChannelKind.Mastodon, ChannelKind.Bluesky })
        {
            var parsed = 0;
            var alloc0 = GC.GetTotalAllocatedBytes(true);
            var parse = Stopwatch.StartNew();
            await foreach (var _ in ParseAsync(server, network, cancellationToken))
                parsed++;
            Console.WriteLine($"parse only {network.WireName(),-9} {parsed / parse.Elapsed.TotalSeconds,9:N0} posts/s (reading and mapping, no storage), {(GC.GetTotalAllocatedBytes(true) - alloc0) / parsed:N0} bytes allocated per post");
        }

        var failed = false;
        await BenchDatabases.ForEachAsync("stream", args, async (label, target) =>
        {
            await Migrator.MigrateAsync(target, cancellationToken);
            await JitQuiet.WaitAsync(cancellationToken);
            // Connectors run inside `earshot serve`, which checkpoints SQLite's WAL in the background; so does the bench.
            using var checkpointer = AsServer(ref target);
            if (checkpointer is not null)
                await checkpointer.StartAsync(cancellationToken);
            try
            {
                foreach (var network in networks)
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var neighbour = withNeighbour ? LockNeighbour.StartFor(target) : null;
                    var (stored, seconds) = await ConnectorRunAsync(target, server, network, cancellationToken);
                    var waits = neighbour is null ? null : await neighbour.StopAsync();
                    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                    var (peerStored, peerSeconds) = await PeerAsync(target, server, network, cancellationToken);
                    failed |= stored != count || peerStored != Math.Min(count, PeerPosts);
                    // CPU time beside wall time: both cores are shared by the fake server, the reader, the writer, the
                    // checkpointer and the collector, so CPU per post shows a change that the spread of posts/s hides.
                    Console.WriteLine($"{label,-10} {network.WireName(),-9} Earshot {stored,9:N0} posts {seconds,6:0.00} s {stored / seconds,9:N0} posts/s, CPU {cpu.TotalMicroseconds / Math.Max(1, stored),5:0} µs/post"
                                      + $" | one per transaction {peerStored / peerSeconds,7:N0} posts/s | ratio {stored / seconds / (peerStored / peerSeconds),5:0.0}x");
                    if (waits is not null)
                        Console.WriteLine($"{"",-10} {network.WireName(),-9} another writer's wait for the lock meanwhile: {waits}");
                }
            }
            finally
            {
                if (checkpointer is not null)
                    await checkpointer.StopAsync(CancellationToken.None);
            }
        });
        Console.WriteLine($"peak memory {PeakMemory.MiB():0} MiB");
        if (failed)
            Console.WriteLine("FAILED: a run stored a different number of posts than the stream carried");
        return failed ? 1 : 0;
    }

    private static WalCheckpointer? AsServer(ref DatabaseTarget target)
    {
        if (target.Provider != DatabaseProvider.Sqlite)
            return null;
        target = target with { CheckpointsInBackground = true };
        return new WalCheckpointer(target, NullLogger<WalCheckpointer>.Instance);
    }

    /// <summary>
    /// Every path on throwaway files, as the server runs it (checkpointer included), so that the figures leave out JIT
    /// and first connections. A method is recompiled at full optimisation only after about 30 calls, counted once the
    /// runtime has compiled nothing new for a moment; per-batch and per-connection methods run a few times per stream,
    /// so one round left 500 methods (0.4-0.5 s of JIT time) to compile during the measured run. Hence several rounds,
    /// with a pause for the compiler after each.
    /// </summary>
    private static async Task WarmUpAsync(FakeStreams server, string fixtures, CancellationToken cancellationToken)
    {
        server.XBody = StreamPayloads.X(WarmUpPosts);
        server.MastodonBody = StreamPayloads.Mastodon(fixtures, WarmUpPosts);
        server.JetstreamMessages = StreamPayloads.Jetstream(fixtures, WarmUpPosts);
        for (var round = 0; round < WarmUpRounds; round++)
        {
            await BenchDatabases.ForEachAsync("stream-warm-up", ["--skip-postgres"], async (_, target) =>
            {
                await Migrator.MigrateAsync(target, cancellationToken);
                using var checkpointer = AsServer(ref target);
                await checkpointer!.StartAsync(cancellationToken);
                foreach (var network in new[] { ChannelKind.X, ChannelKind.Mastodon, ChannelKind.Bluesky })
                {
                    await ConnectorRunAsync(target, server, network, cancellationToken);
                    await PeerAsync(target, server, network, cancellationToken);
                }
                await checkpointer.StopAsync(CancellationToken.None);
            });
            await JitQuiet.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A configured channel run once by the connector host: connect, read to the end, store, record health.</summary>
    private static async Task<(int Stored, double Seconds)> ConnectorRunAsync(DatabaseTarget target, FakeStreams server, ChannelKind network, CancellationToken cancellationToken)
    {
        var contexts = new EarshotDbContextFactory(target);
        var secrets = SecretBox.For(target);
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var http = services.GetRequiredService<IHttpClientFactory>();
        IChannelConnector connector = network switch
        {
            ChannelKind.X => new XConnector(http, secrets),
            ChannelKind.Mastodon => new MastodonConnector(http, secrets, TimeProvider.System),
            _ => new BlueskyConnector(services.GetRequiredService<IHttpMessageHandlerFactory>()),
        };
        var address = server.Address.ToString().TrimEnd('/');
        var settings = network switch
        {
            ChannelKind.X => new Dictionary<string, object> { ["base_url"] = address, ["bearer_token"] = secrets.Protect("bench"), ["rule"] = "acme" },
            ChannelKind.Mastodon => new Dictionary<string, object> { ["base_url"] = address, ["token"] = secrets.Protect("bench"), ["hashtag"] = "acme" },
            _ => new Dictionary<string, object> { ["jetstream_url"] = address.Replace("http://", "ws://", StringComparison.Ordinal) + "/subscribe", ["query"] = "acme" },
        };
        var directory = new WorkspaceDirectory(contexts, TimeProvider.System);
        var workspaceId = await directory.GetOrCreateWorkspaceAsync("bench-" + network.WireName(), cancellationToken);
        var channel = new Channel { WorkspaceId = workspaceId, Kind = network, Name = network.WireName() + "-stream", SettingsJson = JsonSerializer.Serialize(settings), Enabled = false, CreatedAt = DateTime.UtcNow };
        await using (var db = contexts.CreateDbContext())
        {
            db.Channels.Add(channel);
            await db.SaveChangesAsync(cancellationToken);
        }
        var writers = new PostWriters(target, TimeProvider.System);
        var ingest = new IngestService(directory, writers, new PipelineSignal(), contexts);
        var host = new ConnectorHost(contexts, [connector], ingest, TimeProvider.System, new ConnectorHostOptions(), NullLogger<ConnectorHost>.Instance);

        var watch = Stopwatch.StartNew();
        await host.RunChannelAsync(channel.Id, connector, cancellationToken);
        watch.Stop();
        await using var check = contexts.CreateDbContext();
        var error = await check.Channels.Where(c => c.Id == channel.Id).Select(c => c.Health.LastError).FirstAsync(cancellationToken);
        if (error is not null)
            Console.WriteLine($"  {network.WireName()} run failed: {error}");
        return (await check.Posts.CountAsync(p => p.ChannelId == channel.Id, cancellationToken), watch.Elapsed.TotalSeconds);
    }

    /// <summary>The peer: the same posts, parsed the same way, each stored in its own transaction.</summary>
    private static async Task<(int Stored, double Seconds)> PeerAsync(DatabaseTarget target, FakeStreams server, ChannelKind network, CancellationToken cancellationToken)
    {
        var contexts = new EarshotDbContextFactory(target);
        var directory = new WorkspaceDirectory(contexts, TimeProvider.System);
        var workspaceId = await directory.GetOrCreateWorkspaceAsync("peer-" + network.WireName(), cancellationToken);
        var channel = new Channel { WorkspaceId = workspaceId, Kind = network, Name = network.WireName() + "-peer", Enabled = false, CreatedAt = DateTime.UtcNow };
        await using (var db = contexts.CreateDbContext())
        {
            db.Channels.Add(channel);
            await db.SaveChangesAsync(cancellationToken);
        }
        var writers = new PostWriters(target, TimeProvider.System);
        var ingest = new IngestService(directory, writers, new PipelineSignal(), contexts);
        var stored = 0;
        var watch = Stopwatch.StartNew();
        await foreach (var post in ParseAsync(server, network, cancellationToken))
        {
            var outcomes = await ingest.IngestToChannelAsync(workspaceId, channel.Id, [post], cancellationToken);
            stored += outcomes.Count(o => o.Status != IngestStatus.Duplicate);
            if (stored == PeerPosts)
                break;
        }
        return (stored, watch.Elapsed.TotalSeconds);
    }

    private static async IAsyncEnumerable<IncomingPost> ParseAsync(FakeStreams server, ChannelKind network, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        switch (network)
        {
            case ChannelKind.X:
                await foreach (var item in XStreamReader.ReadAsync(new MemoryStream(server.XBody), cancellationToken: cancellationToken))
                    if (item.Post is { } post)
                        yield return post;
                break;
            case ChannelKind.Mastodon:
                await foreach (var item in MastodonStreamReader.ReadAsync(new MemoryStream(server.MastodonBody), null, 1 << 20, cancellationToken))
                    if (item.Post is { } post)
                        yield return post;
                break;
            default:
                foreach (var message in server.JetstreamMessages)
                    if (Jetstream.Parse(Encoding.UTF8.GetString(message)).Post is { } post)
                        yield return post;
                break;
        }
    }
}
