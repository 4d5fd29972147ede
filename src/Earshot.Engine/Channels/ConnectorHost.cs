using System.Collections.Concurrent;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Core.Posts;
using Earshot.Engine.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Earshot.Engine.Channels;

/// <summary>
/// Runs every enabled channel that has a connector, each on its own schedule: the connector's next-run time after a
/// success, an exponential back-off after a failure (or the network's Retry-After). Cursor and health are written
/// after every run, so a restart resumes where the last run ended and the Channels page shows what is wrong.
/// Channels added or removed elsewhere (the CLI, the API, another node) are picked up at the next scan: a new one
/// starts, and a removed or paused one's run is cancelled, so a stream does not outlive its channel.
/// </summary>
public sealed partial class ConnectorHost(
    IDbContextFactory<EarshotDbContext> contexts,
    IEnumerable<IChannelConnector> connectors,
    IngestService ingest,
    TimeProvider clock,
    ConnectorHostOptions options,
    ILogger<ConnectorHost> logger) : BackgroundService
{
    private readonly Dictionary<ChannelKind, IChannelConnector> _connectors = connectors.ToDictionary(c => c.Kind);
    private readonly ConcurrentDictionary<Guid, Task> _running = new();
    private readonly ConcurrentDictionary<Guid, DateTime> _due = new();
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _stops = new();

    /// <summary>
    /// Cancels a channel's run now (it was removed, paused or changed in this process); the next scan would do it too,
    /// and starts it again with its new settings if it is still meant to run.
    /// </summary>
    public void Stop(Guid channelId)
    {
        if (!_stops.TryGetValue(channelId, out var stop))
            return;
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended between the lookup and the cancel: nothing left to stop.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogScanFailed(logger, error);
            }
            await Task.Delay(options.ScanInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await Task.WhenAll(_running.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ScanAsync(CancellationToken stoppingToken)
    {
        await using var db = await contexts.CreateDbContextAsync(stoppingToken);
        var kinds = _connectors.Values.Where(c => !c.IsPush).Select(c => c.Kind).ToList();
        var channels = await db.Channels.AsNoTracking().Where(c => c.Enabled && !c.Paused && kinds.Contains(c.Kind))
            .Select(c => new { c.Id, c.Kind }).ToListAsync(stoppingToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var enabled = channels.Select(c => c.Id).ToHashSet();
        foreach (var removed in _running.Keys.Where(id => !enabled.Contains(id)))
            Stop(removed);
        foreach (var channel in channels)
        {
            if (_running.ContainsKey(channel.Id) || _due.GetValueOrDefault(channel.Id, DateTime.MinValue) > now)
                continue;
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _stops[channel.Id] = stop;
            _running[channel.Id] = Task.Run(async () =>
            {
                try
                {
                    await RunChannelAsync(channel.Id, _connectors[channel.Kind], stop.Token);
                }
                finally
                {
                    _stops.TryRemove(channel.Id, out _);
                    _running.TryRemove(channel.Id, out _);
                    stop.Dispose();
                }
            }, stoppingToken);
        }
    }

    /// <summary>One run of one channel, with its outcome recorded. Public so tests and the CLI can run a channel now.</summary>
    public async Task RunChannelAsync(Guid channelId, IChannelConnector connector, CancellationToken cancellationToken)
    {
        Channel channel;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            channel = await db.Channels.AsNoTracking().FirstAsync(c => c.Id == channelId, cancellationToken);
        using var settings = JsonDocument.Parse(channel.SettingsJson);
        var context = new ConnectorContext(channel.Id, channel.Name, settings.RootElement, channel.Cursor,
            (posts, token) => ingest.IngestToChannelAsync(channel.WorkspaceId, channel.Id, posts, token))
        {
            ConsecutiveFailures = channel.Health.ConsecutiveFailures,
            DeleteAsync = (externalIds, token) => ingest.MarkDeletedAsync(channel.Id, externalIds, token),
            OpenStreamStorage = () => ingest.OpenStreamStorage(channel.WorkspaceId, channel.Id),
            TopicsAsync = token => TopicsOfAsync(channel.WorkspaceId, token),
        };
        var started = clock.GetUtcNow().UtcDateTime;
        ConnectorRun? run = null;
        Exception? failure = null;
        try
        {
            run = await connector.RunOnceAsync(context, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = error;
            LogRunFailed(logger, channel.Name, error);
        }

        await using var update = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await update.Channels.FirstAsync(c => c.Id == channelId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        stored.Health.LastRunAt = started;
        if (run is not null)
        {
            stored.Cursor = run.Cursor;
            stored.Health.LastSuccessAt = now;
            stored.Health.ConsecutiveFailures = 0;
            stored.Health.RateLimit = run.RateLimit ?? stored.Health.RateLimit;
            if (run.Received > 0)
            {
                stored.Health.LastEventAt = now;
                stored.Health.PostsReceived += run.Received;
            }
            _due[channelId] = now + run.NextRunIn;
        }
        else
        {
            stored.Health.ConsecutiveFailures++;
            stored.Health.LastError = Describe(failure!);
            stored.Health.LastErrorAt = now;
            var backoff = (failure as ConnectorException)?.RetryAfter
                ?? TimeSpan.FromSeconds(Math.Min(options.MaxBackoff.TotalSeconds,
                    options.FirstBackoff.TotalSeconds * Math.Pow(2, stored.Health.ConsecutiveFailures - 1)));
            _due[channelId] = now + backoff;
        }
        await update.SaveChangesAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<Core.Topics.Topic>> TopicsOfAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Topics.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).ToListAsync(cancellationToken);
    }

    // What an operator can act on, without stack traces or anything secret a URL might carry. Transport failures
    // arrive in the guard's words (Shared/Outbound), which do not tell a closed port from an open one.
    private static string Describe(Exception error) => error switch
    {
        ConnectorException known => known.Message,
        OutboundException outbound => outbound.Message,
        HttpRequestException http => "network error: " + http.Message,
        TaskCanceledException => "timed out",
        _ => error.GetType().Name + ": " + error.Message,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel}: run failed")]
    private static partial void LogRunFailed(ILogger logger, string channel, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scanning channels failed; retrying")]
    private static partial void LogScanFailed(ILogger logger, Exception error);
}

public sealed record ConnectorHostOptions
{
    public TimeSpan ScanInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(15);
}
