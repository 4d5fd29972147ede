using System.Globalization;
using System.Text;
using System.Text.Json;
using Earshot.Core.Topics;
using Earshot.Engine.Importers;
using Earshot.Engine.Workspaces;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Benchmarks.Insights;

/// <summary>
/// A listening workspace with 90 days of labelled posts: posts imported through the real importer (authors who post
/// again, five channel kinds), then labels and topic matches written with the pipeline's own bulk statements, as if
/// the classify and match stages had run. The rollups are left empty for <see cref="RollupRebuild"/>.
/// </summary>
public static class InsightsSeed
{
    public const int Days = 90;
    public const string Brand = "Aurora";
    public static readonly string[] Competitors = ["Nimbus", "Vertex", "Kestrel"];
    private static readonly string[] Others =
    [
        "Coverage", "Billing", "Roaming", "Fibre", "App", "Store", "Handsets", "Contracts",
        "Outages", "Prices", "Support", "Upgrades", "Family plan", "eSIM", "Business", "Campaign spring",
    ];

    // A small vocabulary with a long tail, as aspects are in a real stream.
    private static readonly string[] Aspects =
    [
        "coverage", "coverage", "coverage", "price", "price", "customer service", "customer service", "billing", "app",
        "signal", "battery", "roaming", "delivery", "refund", "contract", "screen", "data plan", "store staff", "esim", "speed",
    ];

    private static readonly string[] Texts =
    [
        "@AuroraMobile no signal downtown since this morning, is there an outage?",
        "The new app update keeps crashing when I open billing. Please fix.",
        "Thanks for sorting out my refund so quickly, lovely support team!",
        "Thinking of switching to Nimbus, coverage has been awful this week.",
        "Does the unlimited plan include hotspot? Asking before I upgrade.",
        "Vertex has the better price but Aurora's roaming is fine for me.",
    ];

    public static IReadOnlyList<(string Name, TopicKind Kind)> Topics =>
        [(Brand, TopicKind.Brand), .. Competitors.Select(c => (c, TopicKind.Competitor)), .. Others.Select(o => (o, TopicKind.Other))];

    /// <summary>N posts spread evenly over the <see cref="Days"/> days before <paramref name="end"/>, as JSONL for the importer.</summary>
    public static string WriteJsonl(int count, DateTime end)
    {
        var path = Path.Combine(Path.GetTempPath(), "earshot-bench", $"insights-{count}-{end:yyyyMMddHH}.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
            return path;
        var random = new Random(42);
        string[] channels = ["x", "x", "x", "mastodon", "bluesky", "reddit", "reddit", "api"];
        var step = TimeSpan.FromDays(Days).Ticks / count;
        var start = end - TimeSpan.FromDays(Days);
        using (var writer = new StreamWriter(path + ".tmp", false, new UTF8Encoding(false), 1 << 20))
        {
            for (var i = 0; i < count; i++)
            {
                // One author in eight posts again: a few loud people, as evangelists and detractors need.
                var author = random.Next(Math.Max(1, count / 8));
                writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["id"] = "i" + i.ToString(CultureInfo.InvariantCulture),
                    ["channel"] = channels[random.Next(channels.Length)],
                    ["author"] = "user" + author.ToString(CultureInfo.InvariantCulture),
                    ["author_followers"] = author % 5000,
                    ["text"] = Texts[random.Next(Texts.Length)] + " #" + i.ToString(CultureInfo.InvariantCulture),
                    ["created_at"] = start.AddTicks(step * i + random.NextInt64(step)).ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ["lang"] = random.Next(10) == 0 ? "de" : "en",
                }));
            }
        }
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    /// <summary>Imports the posts, adds the 20 topics, and labels and matches every post. Returns the post ids.</summary>
    public static async Task<IReadOnlyList<Guid>> SeedAsync(DatabaseTarget target, string jsonl, CancellationToken cancellationToken)
    {
        await Migrator.MigrateAsync(target, cancellationToken);
        var contexts = new EarshotDbContextFactory(target);
        await using (var writer = new PostWriter(target, TimeProvider.System))
            await new PostImporter(new WorkspaceDirectory(contexts, TimeProvider.System), writer).ImportAsync(jsonl, null, "bench", null, null, cancellationToken);
        await using var db = contexts.CreateDbContext();
        var workspace = await db.Workspaces.FirstAsync(w => w.Name == "bench", cancellationToken);
        var topics = Topics.Select(t => new Topic { WorkspaceId = workspace.Id, Name = t.Name, Query = t.Name.ToLowerInvariant(), Kind = t.Kind, CreatedAt = DateTime.UtcNow }).ToList();
        db.Topics.AddRange(topics);
        await db.SaveChangesAsync(cancellationToken);

        var ids = await db.Posts.AsNoTracking().Select(p => p.Id).OrderBy(id => id).ToListAsync(cancellationToken);
        var random = new Random(11);
        var now = DateTime.UtcNow;
        foreach (var batch in ids.Chunk(10_000))
        {
            var labels = new List<object?[]>(batch.Length);
            var matches = new List<object?[]>(batch.Length * 2);
            foreach (var id in batch)
            {
                labels.Add(Label(id, random, now));
                foreach (var topic in TopicsOf(random, topics.Count))
                    matches.Add([id, topics[topic].Id, now]);
            }
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await StageRows.InsertAsync(db, StageSql.InsertClassification, labels, cancellationToken);
            await StageRows.InsertAsync(db, StageSql.InsertTopicMatch, matches, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return ids;
    }

    /// <summary>A classification row: a third negative, some of those leaving (churn), up to two aspects.</summary>
    private static object?[] Label(Guid id, Random random, DateTime now)
    {
        var roll = random.Next(100);
        var (sentiment, score, intent) = roll switch
        {
            < 35 => ("negative", -0.6, random.Next(4) == 0 ? "question" : "complaint"),
            < 75 => ("neutral", 0.0, random.Next(2) == 0 ? "question" : "fyi"),
            _ => ("positive", 0.7, random.Next(3) == 0 ? "suggestion" : "praise"),
        };
        List<string> severity = [];
        if (sentiment == "negative" && random.Next(12) == 0)
            severity.Add("churn");
        if (sentiment == "negative" && random.Next(20) == 0)
            severity.Add("outage");
        var aspects = Enumerable.Range(0, random.Next(3)).Select(_ => Aspects[random.Next(Aspects.Length)]).Distinct(StringComparer.Ordinal);
        return [id, score, sentiment, intent, CommaSeparated.Text(severity), string.Join(',', aspects), "bench", "{}", now];
    }

    /// <summary>One to three distinct topics; the brand in half the posts, each competitor in about one in ten.</summary>
    private static IEnumerable<int> TopicsOf(Random random, int topics)
    {
        var chosen = new HashSet<int>();
        var count = 1 + random.Next(3);
        while (chosen.Count < count)
        {
            var roll = random.Next(100);
            chosen.Add(roll switch
            {
                < 35 => 0,
                < 45 => 1,
                < 52 => 2,
                < 57 => 3,
                _ => 4 + random.Next(topics - 4),
            });
        }
        return chosen;
    }
}
