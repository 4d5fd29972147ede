using Earshot.Core.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Earshot.Engine.Pipeline;

/// <summary>
/// Moves stored posts through the registered stages in order. Work comes from <see cref="PipelineSignal"/> (posts
/// stored by this process) and from a sweep of the database (posts left unfinished by a crash, stored by another
/// process such as `earshot import`, or dropped from the signal under load). After a batch's stages the post's
/// <c>stage</c> column records the step, in the database, so nothing is lost or repeated past its last record.
/// </summary>
public sealed partial class PipelineRunner(
    IDbContextFactory<EarshotDbContext> contexts,
    IEnumerable<IPipelineStage> stages,
    PipelineSignal signal,
    ILogger<PipelineRunner> logger,
    PipelineOptions options,
    TimeProvider clock) : BackgroundService
{
    private readonly IReadOnlyList<IPipelineStage> _stages = stages.OrderBy(s => s.Step).ToList();
    private long _processed;

    public long Processed => Interlocked.Read(ref _processed);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow().UtcDateTime >= nextSweep || signal.TakeOverflow())
                {
                    await SweepAsync(stoppingToken);
                    nextSweep = clock.GetUtcNow().UtcDateTime + options.SweepInterval;
                }
                var batch = await ReadSignalledAsync(stoppingToken);
                if (batch.Count > 0)
                    await ProcessAsync(batch, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                // The posts stay at their recorded stage and the next sweep retries them.
                LogBatchFailed(logger, error);
                await Task.Delay(options.RetryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                nextSweep = DateTime.MinValue;
            }
        }
    }

    /// <summary>
    /// Finishes every stored post that has not completed the last stage, oldest first. Unfinished posts are found
    /// through a partial index that holds only them, so a sweep costs what is left to do, not the size of the table.
    /// </summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        if (_stages.Count == 0)
            return;
        var final = (int)_stages[^1].Step;
        var from = Guid.Empty;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var pending = await UnfinishedAfter(db, from, final, options.BatchSize).ToListAsync(cancellationToken);
            if (pending.Count == 0)
                break;
            await ProcessAsync(pending, cancellationToken);
            from = pending[^1];
        }
    }

    /// <summary>The next <paramref name="count"/> posts after <paramref name="from"/> that have not reached <paramref name="final"/>, oldest first.</summary>
    public static IQueryable<Guid> UnfinishedAfter(EarshotDbContext db, Guid from, int final, int count) =>
        db.Posts.Unfinished().Where(p => p.Id.CompareTo(from) > 0 && p.Stage < final).OrderBy(p => p.Id).Select(p => p.Id).Take(count);

    private async Task<List<Guid>> ReadSignalledAsync(CancellationToken cancellationToken)
    {
        var batch = new List<Guid>();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(options.SweepInterval);
        try
        {
            if (!await signal.Reader.WaitToReadAsync(wait.Token))
                return batch;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return batch;
        }
        // Gather what arrives within a short window into one batch: fewer, larger transactions.
        var deadline = clock.GetUtcNow().UtcDateTime + options.BatchWindow;
        while (batch.Count < options.BatchSize)
        {
            while (batch.Count < options.BatchSize && signal.Reader.TryRead(out var id))
                batch.Add(id);
            if (batch.Count >= options.BatchSize || clock.GetUtcNow().UtcDateTime >= deadline)
                break;
            await Task.Delay(5, cancellationToken);
        }
        return batch;
    }

    private async Task ProcessAsync(IReadOnlyList<Guid> postIds, CancellationToken cancellationToken)
    {
        Dictionary<Guid, int> stageOf;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            stageOf = await db.Posts.Where(p => postIds.Contains(p.Id)).Select(p => new { p.Id, p.Stage })
                .ToDictionaryAsync(p => p.Id, p => p.Stage, cancellationToken);
        }
        // Every stage is safe to repeat, so the step is recorded once, after the last stage that had work: a crash in
        // between repeats a batch's stages, and saves an UPDATE of every post per stage in the common case.
        var reached = new Dictionary<Guid, int>();
        foreach (var stage in _stages)
        {
            var step = (int)stage.Step;
            var due = stageOf.Where(kv => kv.Value < step).Select(kv => kv.Key).ToList();
            if (due.Count == 0)
                continue;
            await stage.ProcessAsync(due, cancellationToken);
            foreach (var id in due)
                stageOf[id] = reached[id] = step;
        }
        foreach (var group in reached.GroupBy(kv => kv.Value, kv => kv.Key))
        {
            var (step, ids) = (group.Key, group.ToList());
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Posts.Where(p => ids.Contains(p.Id) && p.Stage < step)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.Stage, step), cancellationToken);
        }
        Interlocked.Add(ref _processed, stageOf.Count);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A pipeline batch failed; its posts will be retried")]
    private static partial void LogBatchFailed(ILogger logger, Exception error);
}

public sealed record PipelineOptions
{
    public int BatchSize { get; init; } = 500;
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(20);
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);
}
