using Earshot.Storage.Postgres;
using Earshot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Earshot.Storage.Ingest;

/// <summary>
/// Writes a pipeline stage's result rows (labels, topic matches) the way the ingest writer writes posts: one
/// prepared statement re-bound per row on SQLite, one array statement on PostgreSQL. Runs on the context's own
/// connection, so it joins the context's transaction when one is open. Tracking thousands of rows in EF Core cost
/// the pipeline more than the stages' own work.
/// </summary>
public static class StageRows
{
    public static async Task InsertAsync(EarshotDbContext db, Statement statement, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using IIngestStatements statements = db.Database.GetDbConnection() switch
            {
                SqliteConnection sqlite => new SqliteIngestStatements(sqlite),
                NpgsqlConnection npgsql => new PostgresIngestStatements(npgsql),
                var other => throw new NotSupportedException($"No bulk writer for {other.GetType().Name}."),
            };
            await statements.ExecuteManyAsync(statement, rows, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
