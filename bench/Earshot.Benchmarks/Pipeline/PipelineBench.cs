using System.Diagnostics;
using System.Globalization;
using Earshot.Benchmarks.Import;
using Earshot.Core.Topics;
using Earshot.Core.Topics.Matching;
using Earshot.Core.Understanding;
using Earshot.Engine;
using Earshot.Engine.Alerts;
using Earshot.Engine.Importers;
using Earshot.Engine.Pipeline;
using Earshot.Engine.Workspaces;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Earshot.Storage.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Earshot.Benchmarks.Pipeline;

/// <summary>
/// `pipeline [--posts N] [--skip-sqlite] [--skip-postgres]`: how fast the pipeline drains stored posts (match, classify, alerts,
/// cases, publish) on SQLite and PostgreSQL, with the time of each stage. The posts are imported first (stored, not
/// yet processed), then one sweep takes them through every stage, as after an import or a burst. The reference is
/// the stages' own work without storage (tokenise and match, classify) on the same posts, in the same run: what the
/// pipeline would do if reading and writing cost nothing.
/// </summary>
public sealed class PipelineBench : IBench
{
    public string Name => "pipeline";
    public string Description => "posts/s through every pipeline stage, per stage, on SQLite and PostgreSQL; vs the stages' work without storage";

    public static readonly (string Name, string Query)[] Topics =
    [
        ("United", "@united OR united"),
        ("Delays", "(delay* OR late OR cancel*) AND flight*"),
        ("Bags", "bag* OR luggage OR suitcase"),
        ("Service", "\"customer service\" OR rude OR staff OR agent*"),
        ("Competitors", "@delta OR @AmericanAir OR @SouthwestAir OR @JetBlue OR @VirginAmerica OR @USAirways"),
    ];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var posts = args.Contains("--posts") ? int.Parse(args[Array.IndexOf(args, "--posts") + 1], CultureInfo.InvariantCulture) : 100_000;
        var file = SamplePosts.EnsureJsonl(posts);
        Console.WriteLine($"{posts:N0} stored posts, {Topics.Length} topics, one sweep through every stage");
        ComputeOnly(file);

        await BenchDatabases.ForEachAsync("pipeline", args, (label, target) => RunOnAsync(label, target, file, cancellationToken));
        Console.WriteLine($"peak memory {PeakMemory.MiB():0} MiB");
        return 0;
    }

    /// <summary>The reference: matching and classification alone, on one core, no database.</summary>
    private static void ComputeOnly(string file)
    {
        var texts = File.ReadLines(file).Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!).ToList();
        var matcher = new TopicMatcher();
        matcher.AddOrUpdateMany(Topics.Select(t => new KeyValuePair<Guid, string>(Guid.CreateVersion7(), t.Query)));
        var classifier = new BuiltInClassifier();
        var matched = new List<Guid>();
        var watch = Stopwatch.StartNew();
        foreach (var text in texts)
        {
            matched.Clear();
            matcher.Match(new MatchInput(text, "someone", "x", "en", 10, false, false), matched);
            classifier.Classify(text, "en");
        }
        Console.WriteLine($"reference: match + classify without storage {texts.Count / watch.Elapsed.TotalSeconds:N0} posts/s on one core");
    }

    private static async Task RunOnAsync(string label, DatabaseTarget target, string file, CancellationToken cancellationToken)
    {
        await Migrator.MigrateAsync(target, cancellationToken);
        var contexts = new EarshotDbContextFactory(target);
        await using (var writer = new PostWriter(target, TimeProvider.System))
            await new PostImporter(new WorkspaceDirectory(contexts, TimeProvider.System), writer).ImportAsync(file, null, "bench", null, null, cancellationToken);
        await using (var db = contexts.CreateDbContext())
        {
            var workspace = await db.Workspaces.FirstAsync(w => w.Name == "bench", cancellationToken);
            db.Topics.AddRange(Topics.Select(t => new Topic { WorkspaceId = workspace.Id, Name = t.Name, Query = t.Query, CreatedAt = DateTime.UtcNow }));
            await db.SaveChangesAsync(cancellationToken);
        }

        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddEarshotStorage(target)
            .AddEarshotEngine(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();
        var timed = provider.GetServices<IPipelineStage>().Select(stage => new TimedStage(stage)).ToList();
        var runner = new PipelineRunner(provider.GetRequiredService<IDbContextFactory<EarshotDbContext>>(), timed,
            provider.GetRequiredService<PipelineSignal>(), provider.GetRequiredService<ILogger<PipelineRunner>>(),
            provider.GetRequiredService<PipelineOptions>(), provider.GetRequiredService<TimeProvider>());

        var watch = Stopwatch.StartNew();
        await runner.SweepAsync(cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"{label}: {runner.Processed:N0} posts through the pipeline in {seconds:0.0} s = {runner.Processed / seconds:N0} posts/s");
        var staged = timed.Sum(t => t.Seconds);
        foreach (var stage in timed)
            Console.WriteLine($"{label}:   {stage.Name,-14} {stage.Seconds,6:0.0} s");
        Console.WriteLine($"{label}:   {"recording steps",-14} {seconds - staged,6:0.0} s (reading stages, marking each post's step)");
        await using var check = contexts.CreateDbContext();
        Console.WriteLine($"{label}: {await check.TopicMatches.CountAsync(cancellationToken):N0} topic matches, {await check.Classifications.CountAsync(cancellationToken):N0} classifications, {await check.Cases.CountAsync(cancellationToken):N0} cases");
    }

    /// <summary>Times a stage's work (its reads and writes included).</summary>
    private sealed class TimedStage(IPipelineStage inner) : IPipelineStage
    {
        private long _ticks;
        public string Name => inner.GetType().Name;
        public double Seconds => TimeSpan.FromTicks(_ticks).TotalSeconds;
        public Earshot.Core.Pipeline.PipelineStep Step => inner.Step;

        public async Task ProcessAsync(IReadOnlyList<Guid> postIds, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            await inner.ProcessAsync(postIds, cancellationToken);
            _ticks += watch.Elapsed.Ticks;
        }
    }
}
