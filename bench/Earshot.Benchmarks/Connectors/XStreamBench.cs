using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Earshot.Connectors.X;

namespace Earshot.Benchmarks.Connectors;

/// <summary>
/// Filtered-stream throughput: XStreamReader (framing, classification, mapping to IncomingPost) against a
/// bare peer (StreamReader.ReadLine + JsonDocument, reading only data.id) on the same synthetic body.
/// </summary>
public sealed class XStreamBench : IBench
{
    public string Name => "x-stream";
    public string Description => "X filtered-stream reader vs StreamReader+JsonDocument; args: [posts=200000]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        var body = Build(count);
        Console.WriteLine($"input: {count:N0} posts, {body.Length / (1024.0 * 1024.0):F1} MiB, keep-alive every 10 lines");

        // Warm both paths once so JIT is not measured.
        var warmUp = Build(500);
        await Ours(warmUp, cancellationToken);
        Peer(warmUp);

        var (peerTime, peerPosts, peerAlloc) = Measure(() => Task.FromResult(Peer(body)));
        var (ourTime, ourPosts, ourAlloc) = Measure(() => Ours(body, cancellationToken));
        Print("peer StreamReader+JsonDocument", peerTime, peerPosts, peerAlloc, body.Length);
        Print("XStreamReader (maps IncomingPost)", ourTime, ourPosts, ourAlloc, body.Length);
        Console.WriteLine($"ratio ours/peer time: {ourTime.TotalMilliseconds / peerTime.TotalMilliseconds:F2}x");
        Console.WriteLine($"peak RSS (process): {PeakMemory.MiB():F0} MiB");
        return ourPosts == peerPosts ? 0 : 1;
    }

    private static (TimeSpan Time, int Posts, long Allocated) Measure(Func<Task<int>> run)
    {
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var posts = run().GetAwaiter().GetResult();
        watch.Stop();
        return (watch.Elapsed, posts, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    private static void Print(string name, TimeSpan time, int posts, long allocated, long bytes) =>
        Console.WriteLine($"{name,-36} {time.TotalMilliseconds,8:F0} ms  {posts / time.TotalSeconds,10:N0} posts/s  {bytes / (1024.0 * 1024.0) / time.TotalSeconds,6:F0} MiB/s  alloc {allocated / (1024.0 * 1024.0),7:F0} MiB");

    private static async Task<int> Ours(byte[] body, CancellationToken cancellationToken)
    {
        var posts = 0;
        await foreach (var item in XStreamReader.ReadAsync(new MemoryStream(body), cancellationToken: cancellationToken))
            posts += item.Kind == XStreamItemKind.Post ? 1 : 0;
        return posts;
    }

    private static int Peer(byte[] body)
    {
        var posts = 0;
        using var reader = new StreamReader(new MemoryStream(body), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
                continue;
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("id", out _))
                posts++;
        }
        return posts;
    }

    private static byte[] Build(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var id = (1_800_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture,
                $"{{\"data\":{{\"id\":\"{id}\",\"text\":\"@acme my order {i} never arrived, third time this month 😡 #fail\",\"author_id\":\"{i % 5000}\",\"created_at\":\"2026-01-15T10:35:00.000Z\",\"lang\":\"en\",\"edit_history_tweet_ids\":[\"{id}\"]}},\"includes\":{{\"users\":[{{\"id\":\"{i % 5000}\",\"username\":\"user{i % 5000}\",\"name\":\"User {i % 5000}\",\"public_metrics\":{{\"followers_count\":{i % 997}}}}}]}},\"matching_rules\":[{{\"id\":\"1\",\"tag\":\"brand\"}}]}}\r\n");
            if (i % 10 == 9)
                text.Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
