using Earshot.Core.Posts;
using Earshot.Core.Topics.Matching;
using Earshot.Core.Topics.Query;

namespace Earshot.Engine.Topics;

/// <summary>
/// The rule tester: how many stored posts a query matches, per day, with highlighted samples, before the topic is
/// saved. Also the backfill of a saved topic over stored posts.
/// </summary>
public static class TopicTester
{
    /// <summary>The newest posts in the range that a test reads at most; the answer says when it stopped there.</summary>
    public const int MaxScanned = 200_000;
    private const int PageSize = 2_000;

    public sealed record Sample(Guid PostId, string Author, string Channel, DateTime CreatedAt, string Text, IReadOnlyList<TextRange> Highlights);

    public sealed record Result(int Count, int Scanned, bool Truncated, IReadOnlyList<(DateOnly Day, int Count)> PerDay, IReadOnlyList<Sample> Samples);

    public static async Task<Result> TestAsync(
        EarshotDbContext db, QueryNode query, string queryText, Guid? workspaceId, DateTime from, DateTime to, int sampleCount, CancellationToken cancellationToken)
    {
        var matcher = new TopicMatcher();
        var id = Guid.NewGuid();
        matcher.AddOrUpdate(id, queryText);
        var perDay = new SortedDictionary<DateOnly, int>();
        var samples = new List<Sample>();
        var matched = new List<Guid>();
        int count = 0, scanned = 0;
        await foreach (var post in ScanAsync(db, workspaceId, from, to, cancellationToken))
        {
            scanned++;
            matched.Clear();
            matcher.Match(post.Input, matched);
            if (matched.Count > 0)
            {
                count++;
                var day = DateOnly.FromDateTime(post.CreatedAt);
                perDay[day] = perDay.GetValueOrDefault(day) + 1;
                if (samples.Count < sampleCount)
                    samples.Add(new Sample(post.Id, post.Input.Author ?? "", post.Input.Channel ?? "", post.CreatedAt, post.Input.Text,
                        TopicMatcher.Highlight(query, post.Input.Text)));
            }
            if (scanned >= MaxScanned)
                break;
        }
        return new Result(count, scanned, scanned >= MaxScanned, perDay.Select(kv => (kv.Key, kv.Value)).ToList(), samples);
    }

    /// <summary>Adds the matches a saved topic would have had on stored posts of its workspace since <paramref name="from"/>.</summary>
    public static async Task<int> BackfillAsync(EarshotDbContext db, Guid topicId, DateTime from, DateTime now, CancellationToken cancellationToken)
    {
        var topic = await db.Topics.AsNoTracking().FirstAsync(t => t.Id == topicId, cancellationToken);
        var matcher = new TopicMatcher();
        if (matcher.AddOrUpdate(topicId, topic.Query) is { } error)
            throw new QuerySyntaxException(error);
        var already = (await db.TopicMatches.Where(m => m.TopicId == topicId).Select(m => m.PostId).ToListAsync(cancellationToken)).ToHashSet();
        var matched = new List<Guid>();
        var added = 0;
        await foreach (var post in ScanAsync(db, topic.WorkspaceId, from, DateTime.MaxValue, cancellationToken))
        {
            matched.Clear();
            matcher.Match(post.Input, matched);
            if (matched.Count > 0 && already.Add(post.Id))
            {
                db.TopicMatches.Add(new Core.Topics.TopicMatch { PostId = post.Id, TopicId = topicId, MatchedAt = now });
                if (++added % PageSize == 0)
                    await db.SaveChangesAsync(cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    private sealed record ScannedPost(Guid Id, DateTime CreatedAt, MatchInput Input);

    // Newest first, keyset-paged, so memory stays flat whatever the range.
    private static async IAsyncEnumerable<ScannedPost> ScanAsync(
        EarshotDbContext db, Guid? workspaceId, DateTime from, DateTime to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DateTime? lastCreated = null;
        Guid lastId = Guid.Empty;
        while (true)
        {
            var page = db.Posts.AsNoTracking().Where(p => !p.IsDeleted && p.CreatedAt >= from && p.CreatedAt < to);
            if (workspaceId is { } workspace)
                page = page.Where(p => p.WorkspaceId == workspace);
            if (lastCreated is { } created)
                page = page.Where(p => p.CreatedAt < created || (p.CreatedAt == created && p.Id.CompareTo(lastId) < 0));
            var rows = await page.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(PageSize)
                .Select(p => new
                {
                    p.Id, p.CreatedAt, p.Text, p.Language, p.IsBrand, Reply = p.InReplyToExternalId != null,
                    p.Author!.Handle, p.Author.Followers, p.Channel!.Kind,
                })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                yield return new ScannedPost(row.Id, row.CreatedAt,
                    new MatchInput(row.Text, row.Handle, row.Kind.WireName(), row.Language, row.Followers, row.Reply, row.IsBrand));
            }
            if (rows.Count < PageSize)
                yield break;
            (lastCreated, lastId) = (rows[^1].CreatedAt, rows[^1].Id);
        }
    }
}
