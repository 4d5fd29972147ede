using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Earshot.Storage.Ingest;

public sealed partial class PostWriter
{
    /// <summary>
    /// Runs one statement for many parameter sets and returns the rows each affected. SQLite: one prepared command
    /// re-bound per set. PostgreSQL: one batch, one round trip.
    /// </summary>
    private async Task<int[]> ExecuteManyAsync(
        DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<DbParameter[]> parameterSets,
        CancellationToken cancellationToken)
    {
        var affected = new int[parameterSets.Count];
        if (parameterSets.Count == 0)
            return affected;

        if (connection is NpgsqlConnection npgsql)
        {
            await using var batch = new NpgsqlBatch(npgsql, (NpgsqlTransaction)transaction);
            foreach (var parameters in parameterSets)
            {
                var command = new NpgsqlBatchCommand(sql);
                command.Parameters.AddRange(parameters);
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
            for (var i = 0; i < affected.Length; i++)
                affected[i] = batch.BatchCommands[i].RecordsAffected;
            return affected;
        }

        await using var sqlite = connection.CreateCommand();
        sqlite.Transaction = transaction;
        sqlite.CommandText = sql;
        foreach (var parameter in parameterSets[0])
            sqlite.Parameters.Add(new SqliteParameter(parameter.ParameterName, parameter.Value));
        sqlite.Prepare();
        for (var i = 0; i < parameterSets.Count; i++)
        {
            var parameters = parameterSets[i];
            for (var p = 0; p < parameters.Length; p++)
                sqlite.Parameters[p].Value = parameters[p].Value;
            // Synchronous on purpose: SQLite runs in-process, and the async API only wraps the same call.
            affected[i] = sqlite.ExecuteNonQuery();
        }
        return affected;
    }

    /// <summary>A parameter in the form each database stores it: EF Core keeps Guids as upper-case text in SQLite.</summary>
    private DbParameter Param(string name, object? value)
    {
        if (IsSqlite)
        {
            var stored = value switch
            {
                Guid guid => guid.ToString().ToUpperInvariant(),
                null => DBNull.Value,
                _ => value,
            };
            return new SqliteParameter(name, stored);
        }
        return new NpgsqlParameter(name, value ?? DBNull.Value);
    }
}
