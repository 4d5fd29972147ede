using Earshot.Core.Pipeline;
using Earshot.Core.Topics;
using Earshot.Core.Topics.Matching;
using Earshot.Engine.Topics;
using Earshot.Storage.Ingest;

namespace Earshot.Engine.Pipeline;

/// <summary>
/// Records which of its workspace's topics each post matches. All workspaces' topics are compiled together, so a
/// post costs one tokenisation plus work on the topics whose terms it contains. Re-running replaces the matches.
/// </summary>
public sealed class MatchStage(IDbContextFactory<EarshotDbContext> contexts, TopicIndex topics, TimeProvider clock) : IPipelineStage
{
    private DateTime _lastRefresh = DateTime.MinValue;

    public PipelineStep Step => PipelineStep.Matched;

    /// <summary>Topics changed by other processes (the CLI, another node) are picked up this often.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);

    public async Task ProcessAsync(IReadOnlyList<Guid> postIds, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow().UtcDateTime - _lastRefresh > RefreshInterval)
        {
            await topics.RefreshAsync(cancellationToken);
            _lastRefresh = clock.GetUtcNow().UtcDateTime;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var posts = await InputsAsync(db, postIds, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = new List<object?[]>();
        var matched = new List<Guid>();
        foreach (var post in posts)
        {
            matched.Clear();
            topics.Matcher.Match(post.Input, matched);
            foreach (var topicId in matched.Distinct())
            {
                if (topics.WorkspaceOf(topicId) == post.WorkspaceId)
                    rows.Add([post.Id, topicId, now]);
            }
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PostRowLocks.LockAsync(db, postIds, cancellationToken);
        await db.TopicMatches.Where(m => postIds.Contains(m.PostId)).ExecuteDeleteAsync(cancellationToken);
        await StageRows.InsertAsync(db, StageSql.InsertTopicMatch, rows, cancellationToken);
        // A post matched again after it was labelled (a retry) is re-counted; a new one is counted when labelled.
        await Insights.RollupWriter.RecountAsync(db, postIds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public sealed record PostToMatch(Guid Id, Guid WorkspaceId, MatchInput Input);

    /// <summary>What the matcher reads of each post: its text and the fields a query can test.</summary>
    public static async Task<List<PostToMatch>> InputsAsync(EarshotDbContext db, IReadOnlyList<Guid> postIds, CancellationToken cancellationToken)
    {
        var posts = await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id))
            .Select(p => new
            {
                p.Id, p.WorkspaceId, p.Text, p.Language, p.IsBrand, Reply = p.InReplyToExternalId != null,
                p.Author!.Handle, p.Author.Followers, p.Channel!.Kind,
            })
            .ToListAsync(cancellationToken);
        return posts.ConvertAll(post => new PostToMatch(post.Id, post.WorkspaceId,
            new MatchInput(post.Text, post.Handle, Core.Posts.ChannelKinds.WireName(post.Kind), post.Language, post.Followers, post.Reply, post.IsBrand)));
    }
}
