using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Earshot.Storage.Sqlite;

/// <summary>
/// Every SQLite connection runs in WAL mode (readers never block the writer, so `earshot stats` works while `serve`
/// ingests), waits instead of failing when another process holds the write lock, and enforces foreign keys.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const string Sql = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// For the ingest writer: checkpoint the WAL every ~400 MB rather than every 4 MB (each checkpoint syncs the
    /// database file, which at the default cost more than the inserts of a batch), and cache more index pages.
    /// </summary>
    public static void ApplyBulkWriter(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint=100000; PRAGMA cache_size=-131072;";
        command.ExecuteNonQuery();
    }

    public static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }
}
