using Earshot.Storage.Sqlite;

namespace Earshot.Hosting;

/// <summary>
/// Checkpoints the SQLite write-ahead log twice a second on a thread of its own. SQLite otherwise checkpoints on the
/// commit that fills 4 MB of log, and that commit (a pipeline batch, an API request) waits for the database file to
/// be written and synced: hundreds of milliseconds on a busy disk, which stalled alert delivery.
/// </summary>
public sealed partial class WalCheckpointer(DatabaseTarget target, ILogger<WalCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The log starts again from its beginning once it is this long. (It was 16,384 frames, 64 MB of 4 KiB pages, and
    /// 256 MB once new databases got 16 KiB pages; the stream and alert figures since were measured at 256 MB.)
    /// </summary>
    public const long RestartBytes = 256L << 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SqliteWal.CheckpointAsync(target, RestartBytes, stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    LogFailed(logger, error);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A WAL checkpoint failed; the next one will copy what it left")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
