using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Earshot.Storage.Sqlite;

/// <summary>
/// Every SQLite connection runs in WAL mode (readers never block the writer, so `earshot stats` works while `serve`
/// ingests), waits instead of failing when another connection holds the write lock (<see cref="SqliteBusyWait"/>),
/// and enforces foreign keys.
/// A new database gets 16 KiB pages (SQLite ignores the pragma on a database that has any): the ingest writer's
/// commits write each touched page to the WAL, and in the floor bench (`bench/scripts/sqlite-floor.py --page-size`)
/// 16 KiB pages stored 1,000,000 posts in 8.7 s against 13.8 s with the default 4 KiB, and no slower at 1,000-post
/// commits; 64 KiB pages were faster for large commits but slower for the small ones live streams make.
/// In a process that checkpoints the WAL in the background (the server, see <see cref="SqliteWal"/>), its
/// connections never checkpoint on commit: a checkpoint syncs the database file, and the pipeline batch or request
/// that happened to commit would wait for it.
/// </summary>
internal sealed class SqlitePragmas(bool checkpointsInBackground) : DbConnectionInterceptor
{
    private const string Sql = "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    private readonly string _sql = checkpointsInBackground ? Sql + " PRAGMA wal_autocheckpoint=0;" : Sql;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Run(connection, PragmasFor(connection));

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // SQLite answers on the calling thread either way; there is nothing to gain from the async path.
        Run(connection, PragmasFor(connection));
        return Task.CompletedTask;
    }

    /// <summary>
    /// For the ingest writer: no foreign-key checks, cache more index pages, and checkpoint the WAL every ~400 MB
    /// rather than every 4 MB (each checkpoint syncs the database file, which at the default cost more than the
    /// inserts of a batch), or never when the process checkpoints in the background.
    /// </summary>
    public static void ApplyBulkWriter(DbConnection connection, bool checkpointsInBackground)
    {
        // Foreign keys off: SQLite checks them with three index look-ups per post (author, channel, workspace),
        // 35-70 % of the floor bench's time. The writer vouches for those references itself (PostWriter).
        // Statement journals in memory: the full-text queue's trigger makes every insert keep one, and a temporary
        // file per statement cost more than the insert.
        Run(connection, Sql + " PRAGMA cache_size=-131072; PRAGMA foreign_keys=OFF; PRAGMA temp_store=MEMORY;");
        var pages = checkpointsInBackground ? 0 : BulkCheckpointBytes / PageSize(connection);
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_autocheckpoint={pages}";
        command.ExecuteNonQuery();
    }

    private const long BulkCheckpointBytes = 400L << 20;

    internal static long PageSize(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A read-only connection (EF Core opens one to ask whether the file exists) cannot switch a database to WAL: a
    /// file restored from a backup (`VACUUM INTO`, `.backup`) is not in WAL mode yet, and would refuse to open.
    /// The first writing connection switches it.
    /// </summary>
    private string PragmasFor(DbConnection connection) =>
        new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly ? "PRAGMA foreign_keys=ON;" : _sql;

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
