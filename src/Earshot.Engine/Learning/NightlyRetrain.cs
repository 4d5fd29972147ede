using Earshot.Core.Understanding.Learning;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Earshot.Engine.Learning;

/// <summary>
/// Retrains each task once a night, only when agents labelled posts since its last model was trained; the new
/// version is promoted only if it beats the active one on held-back labels (<see cref="ModelRegistry"/>).
/// </summary>
public sealed partial class NightlyRetrain(
    IDbContextFactory<EarshotDbContext> contexts, LearningOptions options, TimeProvider clock, ILogger<NightlyRetrain> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(UntilNextRun(clock.GetUtcNow(), options.NightlyHourUtc), clock, stoppingToken);
                foreach (var task in LearningTasks.All)
                {
                    try
                    {
                        await RetrainIfNewLabelsAsync(task, stoppingToken);
                    }
                    catch (Exception error) when (error is not OperationCanceledException)
                    {
                        LogFailed(logger, error, task);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public static TimeSpan UntilNextRun(DateTimeOffset now, int hourUtc)
    {
        var next = new DateTimeOffset(now.UtcDateTime.Date.AddHours(hourUtc), TimeSpan.Zero);
        return (next > now ? next : next.AddDays(1)) - now;
    }

    /// <summary>Trains the task when a label is newer than its latest model; returns the outcome, or null when nothing was new.</summary>
    public async Task<TrainOutcome?> RetrainIfNewLabelsAsync(string task, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lastTrained = await db.TrainedModels.Where(m => m.Task == task && m.Source == "labels").MaxAsync(m => (DateTime?)m.CreatedAt, cancellationToken);
        var newest = await db.LabelledExamples.Where(e => e.Task == task).MaxAsync(e => (DateTime?)e.At, cancellationToken);
        if (newest is null || (lastTrained is not null && newest <= lastTrained))
            return null;
        var examples = await ModelRegistry.LabelsAsync(db, task, cancellationToken);
        var outcome = await ModelRegistry.TrainAsync(db, task, examples, "labels", options.MinimumLabels, clock.GetUtcNow().UtcDateTime, cancellationToken);
        LogTrained(logger, outcome.Message);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly retrain: {Message}")]
    private static partial void LogTrained(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Nightly retrain of {Task} failed")]
    private static partial void LogFailed(ILogger logger, Exception error, string task);
}
