using Earshot.Core.Insights;
using Earshot.Core.Topics.Matching;
using Earshot.Engine.Pipeline;
using Earshot.Storage.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Earshot.Engine.Insights;

/// <summary>
/// Re-counts stored posts in the background: a topic added or changed is matched again against its workspace's
/// posts, and a workspace whose posts were stored before rollups existed is counted once. Posts are walked in id
/// order a batch at a time; each batch's matches and counts commit together with the job's cursor, so a restart
/// (or another node, once this one's lease runs out) resumes where it stopped and counts nothing twice.
/// </summary>
public sealed partial class RollupRebuildWorker(
    IDbContextFactory<EarshotDbContext> contexts, TimeProvider clock, ILogger<RollupRebuildWorker> logger) : BackgroundService
{
    public const int Batch = 1000;
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await QueueUncountedAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!await RunNextAsync(stoppingToken))
                    await Task.Delay(PollInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Queues a full count for each workspace with labelled posts and no tallies: a database from before rollups.</summary>
    public async Task QueueUncountedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var classified = (int)Core.Pipeline.PipelineStep.Classified;
        var uncounted = await db.Workspaces.AsNoTracking()
            .Where(w => db.Posts.Any(p => p.WorkspaceId == w.Id && p.Stage >= classified)
                        && !db.PostTallies.Any(t => t.WorkspaceId == w.Id)
                        && !db.RollupRebuilds.Any(r => r.WorkspaceId == w.Id && r.TopicId == null))
            .Select(w => w.Id).ToListAsync(cancellationToken);
        foreach (var workspace in uncounted)
            db.RollupRebuilds.Add(Queued(workspace, null, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }

    public static RollupRebuild Queued(Guid workspaceId, Guid? topicId, DateTime now) =>
        new() { WorkspaceId = workspaceId, TopicId = topicId, Status = RollupRebuildStatuses.Pending, CreatedAt = now };

    /// <summary>Runs the oldest unfinished rebuild no other node holds to its end; false when there was none.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var job = await db.RollupRebuilds.AsNoTracking()
            .Where(r => (r.Status == RollupRebuildStatuses.Pending || r.Status == RollupRebuildStatuses.Running)
                        && (r.LeasedUntil == null || r.LeasedUntil < now))
            .OrderBy(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (job is null)
            return false;
        if (!await ClaimAsync(db, job, now, cancellationToken))
            return true;
        try
        {
            // A later change to the same topic re-matches everything anyway: this one has nothing left to do.
            var superseded = job.TopicId is { } topic && await db.RollupRebuilds.AnyAsync(
                r => r.TopicId == topic && r.Id.CompareTo(job.Id) > 0 && r.Status == RollupRebuildStatuses.Pending, cancellationToken);
            if (!superseded)
                await WalkAsync(db, job, cancellationToken);
            await db.RollupRebuilds.Where(r => r.Id == job.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RollupRebuildStatuses.Done).SetProperty(r => r.Done, r => r.Total)
                .SetProperty(r => r.FinishedAt, clock.GetUtcNow().UtcDateTime).SetProperty(r => r.LeasedUntil, (DateTime?)null), cancellationToken);
            LogFinished(logger, job.WorkspaceId, job.TopicId);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFailed(logger, error, job.WorkspaceId, job.TopicId);
            var message = error.Message.Length > 2000 ? error.Message[..2000] : error.Message;
            await db.RollupRebuilds.Where(r => r.Id == job.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RollupRebuildStatuses.Failed).SetProperty(r => r.Error, message)
                .SetProperty(r => r.FinishedAt, clock.GetUtcNow().UtcDateTime), CancellationToken.None);
        }
        return true;
    }

    private async Task<bool> ClaimAsync(EarshotDbContext db, RollupRebuild job, DateTime now, CancellationToken cancellationToken)
    {
        var total = await db.Posts.CountAsync(p => p.WorkspaceId == job.WorkspaceId, cancellationToken);
        return await db.RollupRebuilds
            .Where(r => r.Id == job.Id && (r.LeasedUntil == null || r.LeasedUntil < now) && r.Status != RollupRebuildStatuses.Done)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RollupRebuildStatuses.Running)
                .SetProperty(r => r.Total, total).SetProperty(r => r.LeasedUntil, now + Lease), cancellationToken) == 1;
    }

    private async Task WalkAsync(EarshotDbContext db, RollupRebuild job, CancellationToken cancellationToken)
    {
        var matcher = await MatcherAsync(db, job.TopicId, cancellationToken);
        var cursor = job.Cursor;
        var done = job.Done;
        while (true)
        {
            var from = cursor;
            var batch = await db.Posts.AsNoTracking()
                .Where(p => p.WorkspaceId == job.WorkspaceId && (from == null || p.Id.CompareTo(from.Value) > 0))
                .OrderBy(p => p.Id).Select(p => p.Id).Take(Batch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
                return;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                if (matcher is not null)
                    await MatchAgainAsync(db, job.TopicId!.Value, matcher, batch, cancellationToken);
                await RollupWriter.RecountAsync(db, batch, cancellationToken);
                cursor = batch[^1];
                done += batch.Count;
                var (last, count, until) = (cursor, done, clock.GetUtcNow().UtcDateTime + Lease);
                await db.RollupRebuilds.Where(r => r.Id == job.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Cursor, last).SetProperty(r => r.Done, r => count < r.Total ? count : r.Total)
                    .SetProperty(r => r.LeasedUntil, until), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
    }

    /// <summary>The topic's own matcher, or null for a full re-count (which keeps the stored matches).</summary>
    private static async Task<TopicMatcher?> MatcherAsync(EarshotDbContext db, Guid? topicId, CancellationToken cancellationToken)
    {
        if (topicId is null)
            return null;
        var query = await db.Topics.AsNoTracking().Where(t => t.Id == topicId).Select(t => t.Query).FirstAsync(cancellationToken);
        var matcher = new TopicMatcher();
        if (matcher.AddOrUpdate(topicId.Value, query) is { } error)
            throw new InvalidOperationException($"The topic's query no longer parses: {error}");
        return matcher;
    }

    private async Task MatchAgainAsync(EarshotDbContext db, Guid topicId, TopicMatcher matcher, List<Guid> batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = new List<object?[]>();
        var matched = new List<Guid>();
        foreach (var post in await MatchStage.InputsAsync(db, batch, cancellationToken))
        {
            matched.Clear();
            matcher.Match(post.Input, matched);
            if (matched.Count > 0)
                rows.Add([post.Id, topicId, now]);
        }
        await PostRowLocks.LockAsync(db, batch, cancellationToken);
        await db.TopicMatches.Where(m => m.TopicId == topicId && batch.Contains(m.PostId)).ExecuteDeleteAsync(cancellationToken);
        await StageRows.InsertAsync(db, StageSql.InsertTopicMatch, rows, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-counted the posts of workspace {Workspace} (topic {Topic})")]
    private static partial void LogFinished(ILogger logger, Guid workspace, Guid? topic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-counting the posts of workspace {Workspace} (topic {Topic}) failed")]
    private static partial void LogFailed(ILogger logger, Exception error, Guid workspace, Guid? topic);
}
