using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Earshot.Storage.Sqlite;

/// <summary>
/// Every SQLite connection runs in WAL mode (readers never block the writer, so `earshot stats` works while `serve`
/// ingests), waits instead of failing when another connection holds the write lock (<see cref="SqliteBusyWait"/>),
/// and enforces foreign keys.
/// In a process that checkpoints the WAL in the background (the server, see <see cref="SqliteWal"/>), its
/// connections never checkpoint on commit: a checkpoint syncs the database file, and the pipeline batch or request
/// that happened to commit would wait for it.
/// </summary>
internal sealed class SqlitePragmas(bool checkpointsInBackground) : DbConnectionInterceptor
{
    private const string Sql = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    private readonly string _sql = checkpointsInBackground ? Sql + " PRAGMA wal_autocheckpoint=0;" : Sql;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Run(connection, _sql);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // SQLite answers on the calling thread either way; there is nothing to gain from the async path.
        Run(connection, _sql);
        return Task.CompletedTask;
    }

    /// <summary>
    /// For the ingest writer: cache more index pages, and checkpoint the WAL every ~400 MB rather than every 4 MB
    /// (each checkpoint syncs the database file, which at the default cost more than the inserts of a batch), or
    /// never when the process checkpoints in the background.
    /// </summary>
    public static void ApplyBulkWriter(DbConnection connection, bool checkpointsInBackground) =>
        Run(connection, Sql + $" PRAGMA wal_autocheckpoint={(checkpointsInBackground ? 0 : 100_000)}; PRAGMA cache_size=-131072;");

    private static void Run(DbConnection connection, string sql)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        SqliteBusyWait.Install((SqliteConnection)connection);
    }
}
