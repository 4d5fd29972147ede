using Earshot.Storage.Ingest;
using Npgsql;

namespace Earshot.Storage.Postgres;

/// <summary>Ingest statements on PostgreSQL: all rows of a statement go in one batch, one round trip.</summary>
internal sealed class PostgresIngestStatements(NpgsqlConnection connection) : IIngestStatements
{
    private NpgsqlTransaction? _transaction;

    public async Task BeginAsync(CancellationToken cancellationToken) =>
        _transaction = await connection.BeginTransactionAsync(cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction!.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
            return;
        await _transaction.RollbackAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    public async Task<int[]> ExecuteManyAsync(Statement statement, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var affected = new int[rows.Count];
        if (rows.Count == 0)
            return affected;
        if (statement.PostgresBulkSql is not null && rows.Count > 1)
            return await ExecuteBulkAsync(statement, rows, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, _transaction);
        foreach (var values in rows)
        {
            var command = new NpgsqlBatchCommand(statement.Sql);
            Bind(command.Parameters, statement, values);
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        for (var i = 0; i < affected.Length; i++)
            affected[i] = batch.BatchCommands[i].RecordsAffected;
        return affected;
    }

    /// <summary>
    /// All rows in one statement: each parameter becomes an array (one round trip, one plan), and the rows written
    /// are recognised by the first column, which the caller makes unique (ids it generated).
    /// </summary>
    private async Task<int[]> ExecuteBulkAsync(Statement statement, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(statement.PostgresBulkSql, connection, _transaction);
        for (var p = 0; p < statement.Names.Count; p++)
        {
            var column = Array.CreateInstance(statement.Types![p], rows.Count);
            for (var r = 0; r < rows.Count; r++)
                column.SetValue(rows[r][p], r);
            command.Parameters.Add(new NpgsqlParameter(statement.Names[p], column));
        }
        var written = new HashSet<object>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                written.Add(reader.GetValue(0));
        }
        var affected = new int[rows.Count];
        for (var r = 0; r < rows.Count; r++)
            affected[r] = written.Contains(rows[r][0]!) ? 1 : 0;
        return affected;
    }

    public async Task<object?[]?> QueryRowAsync(Statement statement, object?[] values, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(statement.Sql, connection, _transaction);
        Bind(command.Parameters, statement, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var row = new object?[reader.FieldCount];
        for (var c = 0; c < row.Length; c++)
            row[c] = reader.IsDBNull(c) ? null : reader.GetValue(c) is Guid id ? id.ToString() : reader.GetValue(c);
        return row;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, _transaction) { CommandTimeout = 600 };
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Bind(NpgsqlParameterCollection parameters, Statement statement, object?[] values)
    {
        for (var p = 0; p < values.Length; p++)
            parameters.Add(new NpgsqlParameter(statement.Names[p], values[p] ?? DBNull.Value));
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
            await _transaction.DisposeAsync();
    }
}
