using Earshot.Core.Topics;
using Earshot.Core.Understanding.Aspects;
using Earshot.Insights;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Benchmarks.Insights;

/// <summary>
/// The peer: the headline figures of an insight report counted from the posts at request time (posts ⨝
/// classifications ⨝ topic matches, grouped in SQL), for the same period and filters. It computes less than the
/// report (no period before, no people, no examples, no emerging terms), so its ratio to the rollups understates.
/// </summary>
public static class NaiveInsights
{
    public sealed record Figures(
        long Posts, long Negative, long Positive,
        IReadOnlyDictionary<DateTime, long> Volume,
        IReadOnlyDictionary<string, long> ShareOfVoice,
        IReadOnlyDictionary<string, long> NegativeAspects);

    private sealed record Cell(DateTime Day, int Hour, string Sentiment, long Posts);

    public static async Task<Figures> ComputeAsync(EarshotDbContext db, InsightQuery query, CancellationToken cancellationToken)
    {
        var topics = await db.Topics.AsNoTracking().Select(t => new { t.Id, t.Name, t.Kind }).ToListAsync(cancellationToken);
        var labelled =
            from p in db.Posts.AsNoTracking()
            join c in db.Classifications.AsNoTracking() on p.Id equals c.PostId
            where !p.IsBrand && !p.IsDeleted
            select new { p.Id, p.CreatedAt, p.ChannelId, c.Sentiment, c.Aspects };
        if (query.Channel is { } kind)
        {
            var channels = await db.Channels.AsNoTracking().Where(c => c.Kind == kind).Select(c => c.Id).ToListAsync(cancellationToken);
            labelled = labelled.Where(x => channels.Contains(x.ChannelId));
        }
        if (query.Sentiment is { } sentiment)
            labelled = labelled.Where(x => x.Sentiment == sentiment);
        var posts = labelled;
        if (query.Topic is { } name)
        {
            var topicIds = topics.Where(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)).Select(t => t.Id).ToList();
            posts = posts.Where(x => db.TopicMatches.Any(m => m.PostId == x.Id && topicIds.Contains(m.TopicId)));
        }

        var (start, stop) = (query.From, query.To);
        var inPeriod = posts.Where(x => x.CreatedAt >= start && x.CreatedAt < stop);
        var cells = query.Span == Core.Insights.BucketSpan.Hour
            ? await inPeriod.GroupBy(x => new { x.CreatedAt.Date, x.CreatedAt.Hour, x.Sentiment })
                .Select(g => new Cell(g.Key.Date, g.Key.Hour, g.Key.Sentiment, g.LongCount())).ToListAsync(cancellationToken)
            : await inPeriod.GroupBy(x => new { x.CreatedAt.Date, x.Sentiment })
                .Select(g => new Cell(g.Key.Date, 0, g.Key.Sentiment, g.LongCount())).ToListAsync(cancellationToken);
        var volume = cells.GroupBy(c => DateTime.SpecifyKind(c.Day.AddHours(c.Hour), DateTimeKind.Utc)).ToDictionary(g => g.Key, g => g.Sum(c => c.Posts));

        // Share of voice ignores the topic filter, as the report's does: it compares brand and competitors.
        var contenders = topics.Where(t => t.Kind is TopicKind.Brand or TopicKind.Competitor).ToDictionary(t => t.Id, t => t.Name);
        var contenderIds = contenders.Keys.ToList();
        var share = (await (
                from m in db.TopicMatches.AsNoTracking()
                join x in labelled.Where(x => x.CreatedAt >= start && x.CreatedAt < stop) on m.PostId equals x.Id
                where contenderIds.Contains(m.TopicId)
                group m by m.TopicId into g
                select new { TopicId = g.Key, Posts = g.LongCount() }).ToListAsync(cancellationToken))
            .ToDictionary(s => contenders[s.TopicId], s => s.Posts, StringComparer.Ordinal);

        // Aspects are a comma-separated column: split and counted here, over the whole days the report counts.
        var aspects = new Dictionary<string, long>(StringComparer.Ordinal);
        if (query.Sentiment is null or "negative")
        {
            var (dayFrom, dayTo) = query.Days;
            var lists = await posts.Where(x => x.Sentiment == "negative" && x.CreatedAt >= dayFrom && x.CreatedAt < dayTo && x.Aspects != "")
                .Select(x => x.Aspects).ToListAsync(cancellationToken);
            foreach (var list in lists)
                foreach (var aspect in AspectNames.NormaliseAll(list.Split(',', StringSplitOptions.RemoveEmptyEntries)))
                    aspects[aspect] = aspects.GetValueOrDefault(aspect) + 1;
        }
        return new Figures(cells.Sum(c => c.Posts), cells.Where(c => c.Sentiment == "negative").Sum(c => c.Posts),
            cells.Where(c => c.Sentiment == "positive").Sum(c => c.Posts), volume, share, aspects);
    }

    /// <summary>Where the report and the peer disagree, one line each; none when they agree.</summary>
    public static IReadOnlyList<string> Differences(InsightsReport report, Figures naive)
    {
        var differences = new List<string>();
        if (report.Posts.Posts != naive.Posts || report.Posts.Negative != naive.Negative || report.Posts.Positive != naive.Positive)
            differences.Add($"totals: rollups {report.Posts.Posts}/{report.Posts.Negative}/{report.Posts.Positive}, posts {naive.Posts}/{naive.Negative}/{naive.Positive} (all/negative/positive)");
        var buckets = report.Volume.Where(v => v.Posts != naive.Volume.GetValueOrDefault(v.Bucket)).Take(3)
            .Select(v => $"{v.Bucket:u}: rollups {v.Posts}, posts {naive.Volume.GetValueOrDefault(v.Bucket)}");
        differences.AddRange(buckets.Select(b => "volume " + b));
        foreach (var share in report.ShareOfVoice.Where(s => s.Posts != naive.ShareOfVoice.GetValueOrDefault(s.Topic)))
            differences.Add($"share of voice {share.Topic}: rollups {share.Posts}, posts {naive.ShareOfVoice.GetValueOrDefault(share.Topic)}");
        foreach (var gripe in report.Gripes.Where(g => g.Posts != naive.NegativeAspects.GetValueOrDefault(g.Aspect)))
            differences.Add($"gripe {gripe.Aspect}: rollups {gripe.Posts}, posts {naive.NegativeAspects.GetValueOrDefault(gripe.Aspect)}");
        return differences;
    }
}
