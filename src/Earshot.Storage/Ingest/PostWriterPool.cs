using System.Collections.Concurrent;

namespace Earshot.Storage.Ingest;

/// <summary>
/// Writers kept open between batches for the server's many small writes (API posts, stream batches): each keeps its
/// connection, its prepared statements and the authors it has already written, which a fresh writer per batch
/// would pay for again every time. A writer whose batch failed is dropped, never reused.
/// </summary>
public sealed class PostWriterPool(DatabaseTarget target, TimeProvider clock) : IAsyncDisposable
{
    /// <summary>Idle writers kept; more run at once when callers do, and are closed after use.</summary>
    private const int Kept = 4;

    private readonly ConcurrentBag<PostWriter> _idle = [];
    private volatile bool _disposed;

    public async Task<IReadOnlyList<IngestOutcome>> WriteAsync(IReadOnlyList<IngestRow> rows, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var writer = _idle.TryTake(out var idle) ? idle : new PostWriter(target, clock);
        IReadOnlyList<IngestOutcome> outcomes;
        try
        {
            outcomes = await writer.WriteAsync(rows, cancellationToken);
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
        if (_disposed || _idle.Count >= Kept)
            await writer.DisposeAsync();
        else
            _idle.Add(writer);
        return outcomes;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryTake(out var writer))
            await writer.DisposeAsync();
    }
}
