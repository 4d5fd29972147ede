namespace Earshot.Storage.Ingest;

/// <summary>How the ingest writer runs its statements on one database, inside one open transaction.</summary>
internal interface IIngestStatements : IAsyncDisposable
{
    Task BeginAsync(CancellationToken cancellationToken);
    Task CommitAsync(CancellationToken cancellationToken);
    Task RollbackAsync(CancellationToken cancellationToken);

    /// <summary>Runs the statement once per row of values; returns the rows each run changed.</summary>
    Task<int[]> ExecuteManyAsync(Statement statement, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>The first row the query returns, or null.</summary>
    Task<object?[]?> QueryRowAsync(Statement statement, object?[] values, CancellationToken cancellationToken);

    /// <summary>Runs a statement with no parameters outside any batch (maintenance: thread resolution).</summary>
    Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken);
}
