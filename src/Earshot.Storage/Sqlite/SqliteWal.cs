using Microsoft.Data.Sqlite;

namespace Earshot.Storage.Sqlite;

/// <summary>
/// Checkpoints of the write-ahead log: committed pages copied from the WAL into the database file, which is then
/// synced. The server runs them off the request and pipeline paths (see <see cref="DatabaseTarget.CheckpointsInBackground"/>).
/// </summary>
public static class SqliteWal
{
    /// <summary>The outcome of one checkpoint, in WAL frames (pages).</summary>
    public readonly record struct Checkpoint(int InLog, int Copied);

    /// <summary>
    /// A passive checkpoint copies what it can without waiting for readers or writers, so it never holds up a commit.
    /// But the log only starts again from its beginning when a writer finds it fully copied and no reader in it, which
    /// a busy server never offers: the log grew by gigabytes an hour. So once it holds <paramref name="restartBytes"/>,
    /// a restarting checkpoint follows, which waits (briefly: reads are short) for the readers to leave the log.
    /// </summary>
    public static async Task<Checkpoint> CheckpointAsync(DatabaseTarget target, long restartBytes, CancellationToken cancellationToken)
    {
        if (target.Provider != DatabaseProvider.Sqlite)
            throw new InvalidOperationException("Only a SQLite database has a write-ahead log to checkpoint.");
        await using var connection = new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        SqliteBusyWait.Install(connection, budgetMilliseconds: 2_000);
        var passive = await RunAsync(connection, "PASSIVE", cancellationToken);
        if (passive.InLog < restartBytes / SqlitePragmas.PageSize(connection))
            return passive;
        // A restart holds writers back while it copies and syncs whatever the log gained during the copy above (a
        // Mastodon stream's writer waited 0.5 s of every 5 for it). A second passive round copies most of that
        // without holding anyone, and leaves the restart only what arrives meanwhile.
        await RunAsync(connection, "PASSIVE", cancellationToken);
        return await RunAsync(connection, "RESTART", cancellationToken);
    }

    private static async Task<Checkpoint> RunAsync(SqliteConnection connection, string mode, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Checkpoint(reader.GetInt32(1), reader.GetInt32(2));
    }
}
