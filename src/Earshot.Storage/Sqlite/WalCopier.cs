using Microsoft.Data.Sqlite;

namespace Earshot.Storage.Sqlite;

/// <summary>
/// For a long bulk write (an import): copies committed WAL pages into the database file on another thread, with
/// passive checkpoints that never wait for the writer. The writer's own checkpoint (every ~400 MB, see
/// <see cref="SqlitePragmas.ApplyBulkWriter"/>) then has only the last pages left to copy, and the slow part of a
/// checkpoint, syncing the database file, happens here: in a 1,000,000-post import the writer spent about 7 s in
/// those syncs. Only the writer's checkpoint can start the log again from its beginning, which needs it fully copied.
/// </summary>
internal sealed class WalCopier : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _copying;

    public WalCopier(string connectionString) =>
        _copying = Task.Run(() => CopyAsync(connectionString, _stop.Token));

    private static async Task CopyAsync(string connectionString, CancellationToken stop)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(stop);
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, stop);
                // Busy (the writer is checkpointing) comes back as a row, not an error: the next round tries again.
                await checkpoint.ExecuteNonQueryAsync(stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _copying;
        }
        catch (Exception stopped) when (stopped is SqliteException or OperationCanceledException)
        {
            // Stopped before it opened, or a copy failed: nothing is lost, the writer's own checkpoints copy it all.
        }
        _stop.Dispose();
    }
}
