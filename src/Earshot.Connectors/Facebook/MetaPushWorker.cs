using Earshot.Connectors.Push;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Earshot.Connectors.Facebook;

/// <summary>
/// Processes stored Meta deliveries in arrival order: at once when one arrives in this process, and on a sweep for
/// those left by a crash or stored by another node. A delivery that fails is retried on later sweeps, a bounded
/// number of times, with its error kept on the row.
/// </summary>
public sealed partial class MetaPushWorker(
    PushReceipts receipts, MetaPushProcessor processor, MetaPushOptions options, ILogger<MetaPushWorker> logger) : BackgroundService
{
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var clean = false;
            try
            {
                clean = await ProcessPendingAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogSweepFailed(logger, error);
            }
            // A full batch processed cleanly means more may be waiting; otherwise wait for news or the next sweep.
            if (!clean)
                await receipts.WaitForDeliveryAsync(options.SweepInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<bool> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await receipts.PendingAsync(MetaPushProcessor.Source, BatchSize, options.MaxAttempts, cancellationToken);
        var failed = false;
        foreach (var delivery in pending)
        {
            try
            {
                await processor.ProcessAsync(delivery.Body, cancellationToken);
                await receipts.CompleteAsync(delivery.Id, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failed = true;
                LogDeliveryFailed(logger, delivery.Id, delivery.Attempts + 1, error);
                await receipts.FailAsync(delivery.Id, error.GetType().Name + ": " + error.Message, cancellationToken);
            }
        }
        return pending.Count == BatchSize && !failed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meta delivery {Id} failed (attempt {Attempt})")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid id, int attempt, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading pending Meta deliveries failed; retrying at the next sweep")]
    private static partial void LogSweepFailed(ILogger logger, Exception error);
}

public sealed record MetaPushOptions
{
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(30);
    public int MaxAttempts { get; init; } = 10;
}
