using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Earshot.Engine.Alerts;

/// <summary>Rebuilds the baseline at start-up, then moves every topic on with the clock between posts.</summary>
public sealed partial class AlertTicker(AlertMonitor monitor, AlertOptions options, ILogger<AlertTicker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await monitor.TickAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                LogTickFailed(logger, error);
            }
            await Task.Delay(options.TickInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Advancing the alert detectors failed; the next tick tries again")]
    private static partial void LogTickFailed(ILogger logger, Exception error);
}
