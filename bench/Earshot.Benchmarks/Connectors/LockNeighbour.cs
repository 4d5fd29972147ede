using System.Diagnostics;
using Earshot.Storage;
using Earshot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Earshot.Benchmarks.Connectors;

/// <summary>
/// Another writer beside a stream, as the pipeline, the API and the alert deliverer are in `earshot serve`: every
/// 20 ms it takes SQLite's write lock for a moment and notes how long it waited. A stream that keeps the lock to
/// itself shows here as waits of seconds, which is how late an alert would be.
/// </summary>
internal sealed class LockNeighbour
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<double> _waits = [];
    private readonly Task _loop;

    private LockNeighbour(string connectionString) => _loop = Task.Run(() => LoopAsync(connectionString));

    public static LockNeighbour? StartFor(DatabaseTarget target) =>
        target.Provider == DatabaseProvider.Sqlite ? new LockNeighbour(target.ConnectionString) : null;

    /// <summary>Stops the neighbour and describes its waits: "p50 … ms, p99 … ms, max … ms over N writes".</summary>
    public async Task<string> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        return _waits.Count == 0
            ? "no writes"
            : $"p50 {Percentiles.Of(_waits, 50):0.0} ms, p99 {Percentiles.Of(_waits, 99):0.0} ms, max {_waits.Max():0.0} ms over {_waits.Count} writes";
    }

    private async Task LoopAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        SqliteBusyWait.Install(connection);
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        using var commit = connection.CreateCommand();
        commit.CommandText = "COMMIT";
        while (!_stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            begin.ExecuteNonQuery();
            _waits.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            commit.ExecuteNonQuery();
            try
            {
                await Task.Delay(Interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
