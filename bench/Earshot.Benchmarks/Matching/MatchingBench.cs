using System.Diagnostics;
using System.Globalization;
using Earshot.Core.Topics.Matching;
using Earshot.Core.Topics.Query;

namespace Earshot.Benchmarks.Matching;

/// <summary>
/// Earshot's topic matcher against Lucene.NET batch percolation, one thread each, same topics, same posts.
/// Lucene runs on a prefix of the posts for a time budget and its posts/s is measured there; both engines'
/// matches are compared on that prefix.
/// </summary>
public sealed class MatchingBench : IBench
{
    public string Name => "matching";

    public string Description => "topic matcher vs Lucene.NET percolation [--posts N] [--topics 100,1000,10000] [--lucene-seconds S] [--batch B] [--passes P] [--airline-share F] [--order stream|random]";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = MatchingOptions.Parse(args);
        var csv = TweetCorpus.FindTweetsCsv();
        if (csv is null)
        {
            Console.WriteLine("SKIPPED: ../shared/data/airline-sentiment/Tweets.csv not found (the benchmark reads real tweets from there).");
            return Task.FromResult(0);
        }
        var random = new Random(42);
        var texts = TweetCorpus.ReadTexts(csv);
        var pool = TweetCorpus.Resample(texts, 100_000, random)
            .Select((t, i) => new MatchInput(t, Author: $"user{i % 5000}", Channel: "x", Language: "en", Followers: i % 10_000))
            .ToArray();
        // A stream hands the matcher posts in arrival order, just parsed, so their text is where the parser left it
        // in memory; "random" draws each post from anywhere in the pool, so every post starts with cache misses.
        var order = new int[options.Posts];
        for (var i = 0; i < order.Length; i++)
            order[i] = options.RandomOrder ? random.Next(pool.Length) : i % pool.Length;
        Console.WriteLine($"posts: {options.Posts:N0} {(options.RandomOrder ? "drawn at random" : "in order, over and over")} from {pool.Length:N0} variants of {texts.Count:N0} airline tweets; one thread per engine");
        Console.WriteLine($"topics: {options.AirlineShare:P1} watch the airlines in the tweets, the rest other brands; rates are per CPU-second (Earshot: best of {options.Passes} passes)");
        Console.WriteLine($"{"topics",7} {"terms/topic",11} {"compile ms",10} {"update ms",9} {"topics MB",9} {"Earshot posts/s",16} {"Lucene posts/s",15} {"Lucene posts",12} {"ratio",7} {"matches/post",12} {"same",5}");
        var allSame = true;
        foreach (var topicCount in options.TopicCounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            allSame &= RunOne(topicCount, pool, order, options);
        }
        Console.WriteLine($"peak memory (RSS): {PeakMemory.MiB():F0} MiB");
        return Task.FromResult(allSame ? 0 : 1);
    }

    private static bool RunOne(int topicCount, MatchInput[] pool, int[] order, MatchingOptions options)
    {
        var queries = TopicGenerator.Generate(topicCount, new Random(topicCount), options.AirlineShare);
        var ids = queries.Select((_, i) => new Guid(i, 0, 0, new byte[8])).ToArray();
        var slotOf = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var compile = Stopwatch.StartNew();
        var matcher = new TopicMatcher();
        var errors = matcher.AddOrUpdateMany(ids.Select((id, i) => new KeyValuePair<Guid, string>(id, queries[i])));
        compile.Stop();
        var topicsMb = (GC.GetTotalMemory(forceFullCollection: true) - before) / (1024.0 * 1024.0);
        if (errors.Count > 0)
            throw new InvalidOperationException($"Generated query does not parse: {errors.First().Value}");

        var result = new List<Guid>(64);
        for (var i = 0; i < Math.Min(order.Length, 50_000); i++)
        {
            result.Clear();
            matcher.Match(pool[order[i]], result);
        }
        // Best of three passes, timed by this process's CPU time: the machine is shared, and a pass that lost the
        // core to another process says nothing about the matcher.
        long matched = 0;
        var earshotRate = 0.0;
        for (var pass = 0; pass < options.Passes; pass++)
        {
            matched = 0;
            var cpu = CpuClock.Start();
            foreach (var index in order)
            {
                result.Clear();
                matcher.Match(pool[index], result);
                matched += result.Count;
            }
            earshotRate = Math.Max(earshotRate, order.Length / cpu.ElapsedSeconds);
        }

        // One topic changed while thousands exist: the whole snapshot is rebuilt off the matching path.
        var update = Stopwatch.StartNew();
        matcher.AddOrUpdate(ids[0], queries[0]);
        update.Stop();

        var (luceneRate, lucenePosts, same) = RunLucene(queries, pool, order, matcher, slotOf, options);
        var terms = queries.Average(TopicGenerator.CountTerms);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{topicCount,7:N0} {terms,11:F1} {compile.Elapsed.TotalMilliseconds,10:F0} {update.Elapsed.TotalMilliseconds,9:F0} {topicsMb,9:F1} {earshotRate,16:N0} {luceneRate,15:N0} {lucenePosts,12:N0} {earshotRate / luceneRate,7:F0} {(double)matched / order.Length,12:F3} {(same ? "yes" : "NO"),5}"));
        return same;
    }

    private static (double Rate, int Posts, bool Same) RunLucene(
        List<string> queries, MatchInput[] pool, int[] order, TopicMatcher matcher, Dictionary<Guid, int> slotOf, MatchingOptions options)
    {
        Lucene.Net.Search.BooleanQuery.MaxClauseCount = int.MaxValue;
        var percolator = new LucenePercolator([.. queries.Select(q => LuceneQueryBuilder.Build(QueryParser.ParseOrThrow(q)))]);
        var processed = 0;
        var same = true;
        var elapsed = TimeSpan.Zero;
        var result = new List<Guid>();
        while (processed < order.Length && elapsed.TotalSeconds < options.LuceneSeconds)
        {
            var batch = order.Skip(processed).Take(options.Batch).Select(i => pool[i].Text).ToList();
            var cpu = CpuClock.Start();
            var luceneMatches = percolator.MatchBatch(batch);
            elapsed += TimeSpan.FromSeconds(cpu.ElapsedSeconds);
            for (var p = 0; p < batch.Count; p++)
            {
                result.Clear();
                matcher.Match(pool[order[processed + p]], result);
                var earshot = result.Select(id => slotOf[id]).Order().ToList();
                var lucene = luceneMatches[p].Order().ToList();
                if (!earshot.SequenceEqual(lucene))
                {
                    if (same)
                        Console.WriteLine($"  MISMATCH on \"{batch[p]}\": Earshot [{string.Join(",", earshot)}] Lucene [{string.Join(",", lucene)}]");
                    same = false;
                }
            }
            processed += batch.Count;
        }
        return (processed / elapsed.TotalSeconds, processed, same);
    }
}

/// <summary>CPU time consumed by this process (all its threads: the matcher's, plus GC and JIT).</summary>
internal readonly struct CpuClock
{
    private readonly TimeSpan _start;

    private CpuClock(TimeSpan start) => _start = start;

    public static CpuClock Start() => new(Process.GetCurrentProcess().TotalProcessorTime);

    public double ElapsedSeconds => (Process.GetCurrentProcess().TotalProcessorTime - _start).TotalSeconds;
}

internal sealed record MatchingOptions(int Posts, int[] TopicCounts, double LuceneSeconds, int Batch, int Passes, double AirlineShare, bool RandomOrder = false)
{
    public static MatchingOptions Parse(string[] args)
    {
        var options = new MatchingOptions(1_000_000, [100, 1_000, 10_000], 10, 20_000, 3, 0.02);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--posts" => options with { Posts = int.Parse(value, CultureInfo.InvariantCulture) },
                "--topics" => options with { TopicCounts = [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] },
                "--lucene-seconds" => options with { LuceneSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--batch" => options with { Batch = int.Parse(value, CultureInfo.InvariantCulture) },
                "--passes" => options with { Passes = int.Parse(value, CultureInfo.InvariantCulture) },
                "--airline-share" => options with { AirlineShare = double.Parse(value, CultureInfo.InvariantCulture) },
                "--order" => value switch
                {
                    "stream" => options with { RandomOrder = false },
                    "random" => options with { RandomOrder = true },
                    _ => throw new ArgumentException($"--order takes stream or random, not {value}"),
                },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        return options;
    }
}
