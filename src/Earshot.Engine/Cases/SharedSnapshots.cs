using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Earshot.Engine.Cases;

/// <summary>
/// Values a whole floor shares, one per key, served from memory (stale-while-revalidate): a value whose read ended
/// more than the lifetime ago is still served while one read in the background replaces it, so at most one read per
/// key runs at a time and the next starts no sooner than a lifetime after the last ended, nor before nine times the
/// last read's duration (background reads of a slow key take at most a tenth of the time, leaving the machine to the
/// requests). Only the first request for a key, and the first after <see cref="Invalidate"/> (a change on this
/// node), wait: for a read that began after the change, which everyone waiting then shares.
/// </summary>
internal sealed class SharedSnapshots<T>(TimeProvider clock, TimeSpan lifetime, int maxKeys, ILogger logger)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private long _generation;

    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public volatile Snapshot? Snapshot;
        public int Refreshing;
    }

    /// <summary>A value, the change count its read began at, when the read ended and how long it took.</summary>
    private sealed record Snapshot(T Value, long Generation, DateTime At, TimeSpan Took)
    {
        public bool Stale(DateTime now, TimeSpan lifetime) => now - At > (Took * 9 > lifetime ? Took * 9 : lifetime);
    }

    /// <summary>Every value read so far misses a change: the next requests wait for a read that sees it.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    public async Task<T> GetAsync(string key, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var generation = Interlocked.Read(ref _generation);
        if (_entries.Count > maxKeys)
            _entries.Clear(); // keys are few; this only guards against a caller inventing endless ones
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        if (entry.Snapshot is { } served && served.Generation >= generation)
        {
            if (served.Stale(clock.GetUtcNow().UtcDateTime, lifetime))
                RefreshInBackground(entry, read);
            return served.Value;
        }
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            // Whoever waited behind a read that began after their request takes its result.
            if (entry.Snapshot is { } fresh && fresh.Generation >= generation)
                return fresh.Value;
            return (await ReadAsync(entry, read, cancellationToken)).Value;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Reads the value; the caller holds the entry's gate.</summary>
    private async Task<Snapshot> ReadAsync(Entry entry, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var generation = Interlocked.Read(ref _generation);
        var started = clock.GetTimestamp();
        var value = await read(cancellationToken);
        // Aged from the end of the read, so a slow read is not followed by another at once.
        var snapshot = new Snapshot(value, generation, clock.GetUtcNow().UtcDateTime, clock.GetElapsedTime(started));
        entry.Snapshot = snapshot;
        return snapshot;
    }

    /// <summary>
    /// Starts one read in the background unless one is running. It runs in the caller's execution context, so the
    /// storage's workspace filter of the request that found the value stale (the same set of workspaces: it is in the key) applies.
    /// </summary>
    private void RefreshInBackground(Entry entry, Func<CancellationToken, Task<T>> read)
    {
        if (Interlocked.CompareExchange(ref entry.Refreshing, 1, 0) != 0)
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                await entry.Gate.WaitAsync();
                try
                {
                    if (entry.Snapshot is not { } current || current.Stale(clock.GetUtcNow().UtcDateTime, lifetime))
                        await ReadAsync(entry, read, CancellationToken.None);
                }
                finally
                {
                    entry.Gate.Release();
                }
            }
            catch (Exception exception)
            {
                // The stale value stays in service; the next request after the lifetime tries again.
                SnapshotLog.RefreshFailed(logger, exception);
            }
            finally
            {
                Volatile.Write(ref entry.Refreshing, 0);
            }
        });
    }
}

internal static partial class SnapshotLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing a shared inbox snapshot failed; the previous one stays in service")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);
}
