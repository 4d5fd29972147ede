using Earshot.Core.Understanding.Learning;
using Earshot.Engine.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Earshot.Engine.Learning;

/// <summary>
/// Runs queued re-classification jobs: reloads the promoted models, then re-labels every stored post in id order,
/// a batch at a time, recording progress (and the cursor) after each batch, so the page shows it and a restart resumes.
/// </summary>
public sealed partial class ReclassifyWorker(
    IDbContextFactory<EarshotDbContext> contexts, ActiveModels models, ClassifyStage classify, LearningOptions options,
    TimeProvider clock, ILogger<ReclassifyWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var db = await contexts.CreateDbContextAsync(stoppingToken))
                await models.ReloadAsync(db, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!await RunNextAsync(stoppingToken))
                    await Task.Delay(options.JobPollInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs the oldest unfinished job to its end; false when there was none.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await db.ReclassifyJobs.Where(j => j.Status == ReclassifyStatuses.Pending || j.Status == ReclassifyStatuses.Running)
            .OrderBy(j => j.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (job is null)
            return false;
        try
        {
            await models.ReloadAsync(db, cancellationToken);
            // Later jobs queued meanwhile are covered by this run: it re-labels everything with the models now active.
            await db.ReclassifyJobs.Where(j => j.Id != job.Id && j.Status == ReclassifyStatuses.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ReclassifyStatuses.Done).SetProperty(j => j.FinishedAt, clock.GetUtcNow().UtcDateTime)
                    .SetProperty(j => j.Error, "covered by an earlier job that ran after it was queued"), cancellationToken);
            job.Status = ReclassifyStatuses.Running;
            job.StartedAt ??= clock.GetUtcNow().UtcDateTime;
            job.Total = await db.Posts.CountAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            while (true)
            {
                var cursor = job.Cursor;
                var batch = await db.Posts.Where(p => cursor == null || p.Id.CompareTo(cursor.Value) > 0)
                    .OrderBy(p => p.Id).Select(p => p.Id).Take(options.ReclassifyBatch).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                    break;
                await classify.ProcessAsync(batch, cancellationToken);
                job.Cursor = batch[^1];
                job.Done = Math.Min(job.Total, job.Done + batch.Count);
                await db.SaveChangesAsync(cancellationToken);
            }
            job.Status = ReclassifyStatuses.Done;
            job.Done = job.Total;
            job.FinishedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            LogFinished(logger, job.Reason, job.Total);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFailed(logger, error, job.Reason);
            job.Status = ReclassifyStatuses.Failed;
            job.Error = error.Message.Length > 2000 ? error.Message[..2000] : error.Message;
            job.FinishedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-classified {Total} posts ({Reason})")]
    private static partial void LogFinished(ILogger logger, string reason, int total);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-classification failed ({Reason})")]
    private static partial void LogFailed(ILogger logger, Exception error, string reason);
}
