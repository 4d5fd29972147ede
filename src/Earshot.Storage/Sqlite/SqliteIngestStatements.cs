using System.Globalization;
using Earshot.Storage.Ingest;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Earshot.Storage.Sqlite;

/// <summary>
/// Ingest statements on SQLite through the native API: each statement is prepared once per writer and re-bound per
/// row, which costs about half of what the ADO.NET layer does per row (measured in bench `import`).
/// Values are stored exactly as EF Core stores them: Guids as upper-case text, times as ISO text without offset.
/// </summary>
internal sealed class SqliteIngestStatements(SqliteConnection connection) : IIngestStatements
{
    private readonly Dictionary<Statement, (sqlite3_stmt Handle, int[] Indexes)> _prepared = [];
    private sqlite3 Db => connection.Handle!;

    public Task BeginAsync(CancellationToken cancellationToken) => ExecuteAsync("BEGIN IMMEDIATE", cancellationToken);
    // The posts this transaction queued for the full-text index are indexed in one go before it commits.
    public Task CommitAsync(CancellationToken cancellationToken) => ExecuteAsync(Search.PostSearchQueue.FlushSql + "COMMIT", cancellationToken);
    public Task RollbackAsync(CancellationToken cancellationToken) => ExecuteAsync("ROLLBACK", cancellationToken);

    public Task<int[]> ExecuteManyAsync(Statement statement, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var (handle, indexes) = Prepare(statement);
        var affected = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            Bind(handle, indexes, rows[i]);
            var result = raw.sqlite3_step(handle);
            raw.sqlite3_reset(handle);
            if (result != raw.SQLITE_DONE && result != raw.SQLITE_ROW)
                throw Error(result);
            affected[i] = raw.sqlite3_changes(Db);
        }
        return Task.FromResult(affected);
    }

    public Task<object?[]?> QueryRowAsync(Statement statement, object?[] values, CancellationToken cancellationToken)
    {
        var (handle, indexes) = Prepare(statement);
        Bind(handle, indexes, values);
        try
        {
            var result = raw.sqlite3_step(handle);
            if (result == raw.SQLITE_DONE)
                return Task.FromResult<object?[]?>(null);
            if (result != raw.SQLITE_ROW)
                throw Error(result);
            var row = new object?[raw.sqlite3_column_count(handle)];
            for (var c = 0; c < row.Length; c++)
                row[c] = raw.sqlite3_column_type(handle, c) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(handle, c).utf8_to_string();
            return Task.FromResult<object?[]?>(row);
        }
        finally
        {
            raw.sqlite3_reset(handle);
        }
    }

    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var result = raw.sqlite3_exec(Db, sql);
        if (result != raw.SQLITE_OK)
            throw Error(result);
        return Task.FromResult(raw.sqlite3_changes(Db));
    }

    private (sqlite3_stmt, int[]) Prepare(Statement statement)
    {
        if (_prepared.TryGetValue(statement, out var prepared))
            return prepared;
        var result = raw.sqlite3_prepare_v2(Db, statement.Sql, out var handle);
        if (result != raw.SQLITE_OK)
            throw Error(result);
        var indexes = statement.Names.Select(name => raw.sqlite3_bind_parameter_index(handle, "@" + name)).ToArray();
        return _prepared[statement] = (handle, indexes);
    }

    /// <summary>
    /// Runs the statement once per encoded row (<see cref="EncodedRows"/>), binding its late values from
    /// <paramref name="late"/> (one per row); returns the rows each run changed.
    /// </summary>
    public int[] ExecuteEncoded(Statement statement, EncodedRows rows, IReadOnlyList<string?> late)
    {
        var (handle, indexes) = Prepare(statement);
        var native = handle.DangerousGetHandle();
        var db = Db.DangerousGetHandle();
        var affected = new int[rows.Count];
        for (var r = 0; r < affected.Length; r++)
        {
            var cells = rows.Row(r);
            for (var c = 0; c < cells.Length; c++)
            {
                var cell = cells[c];
                var result = cell.Kind switch
                {
                    EncodedRows.CellKind.Text => SqliteNative.BindUtf8(native, indexes[c], rows.Bytes(cell)),
                    EncodedRows.CellKind.Integer => SqliteNative.BindInteger(native, indexes[c], cell.Integer),
                    EncodedRows.CellKind.Late when late[r] is { } text => SqliteNative.BindUtf16(native, indexes[c], text),
                    _ => SqliteNative.BindNull(native, indexes[c]),
                };
                if (result != raw.SQLITE_OK)
                    throw Error(result);
            }
            var step = SqliteNative.Step(native);
            SqliteNative.Reset(native);
            if (step != raw.SQLITE_DONE && step != raw.SQLITE_ROW)
                throw Error(step);
            affected[r] = SqliteNative.Changes(db);
        }
        GC.KeepAlive(handle);
        GC.KeepAlive(connection);
        return affected;
    }

    /// <summary>
    /// Binds without allocating: text goes to SQLite as UTF-16 (SQLite encodes it on its side), and ids and times are
    /// formatted on the stack. Converting each value to a fresh UTF-8 array first made binding 40% of a Mastodon batch,
    /// most of it garbage collection of the copies of 3 KB payloads.
    /// </summary>
    private static void Bind(sqlite3_stmt handle, int[] indexes, object?[] values)
    {
        Span<char> scratch = stackalloc char[40];
        for (var p = 0; p < indexes.Length; p++)
        {
            var index = indexes[p];
            _ = values[p] switch
            {
                null => raw.sqlite3_bind_null(handle, index),
                string text => raw.sqlite3_bind_text16(handle, index, text.AsSpan()),
                Guid id => raw.sqlite3_bind_text16(handle, index, GuidText(id, scratch)),
                DateTime time => raw.sqlite3_bind_text16(handle, index, TimeText(time, scratch)),
                bool flag => raw.sqlite3_bind_int64(handle, index, flag ? 1 : 0),
                int number => raw.sqlite3_bind_int64(handle, index, number),
                long number => raw.sqlite3_bind_int64(handle, index, number),
                double number => raw.sqlite3_bind_double(handle, index, number),
                byte[] bytes => raw.sqlite3_bind_blob(handle, index, bytes),
                var other => throw new ArgumentException($"Cannot bind a {other.GetType().Name}."),
            };
        }
    }

    /// <summary>As EF Core stores a Guid on SQLite: 36 characters, upper case.</summary>
    private static ReadOnlySpan<char> GuidText(Guid id, Span<char> scratch)
    {
        id.TryFormat(scratch, out var length, "D");
        var text = scratch[..length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is >= 'a' and <= 'f')
                text[i] = (char)(text[i] - ('a' - 'A'));
        }
        return text;
    }

    /// <summary>As EF Core stores a DateTime on SQLite.</summary>
    private static ReadOnlySpan<char> TimeText(DateTime time, Span<char> scratch)
    {
        time.TryFormat(scratch, out var length, "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return scratch[..length];
    }

    private SqliteException Error(int code) => new(raw.sqlite3_errmsg(Db).utf8_to_string(), code);

    public ValueTask DisposeAsync()
    {
        foreach (var (handle, _) in _prepared.Values)
            raw.sqlite3_finalize(handle);
        _prepared.Clear();
        return ValueTask.CompletedTask;
    }
}
