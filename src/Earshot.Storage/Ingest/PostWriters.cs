namespace Earshot.Storage.Ingest;

/// <summary>
/// The server's way to write a batch of posts: a fresh writer per batch, closed after it. Keeping writers open
/// between batches (connection, prepared statements) was tried and measured: under 5,000 posts/s of API traffic the
/// pipeline then drained 2,100–3,000 posts/s instead of about 4,200 (the alert-latency bench), so the writes that
/// feed the pipeline must not starve its reads. What the writers know of authors is shared, so a batch upserts only
/// the authors whose details changed. A singleton, so no writer is left for the container to track.
/// </summary>
public sealed class PostWriters(DatabaseTarget target, TimeProvider clock)
{
    private readonly KnownAuthors _knownAuthors = new();

    public async Task<IReadOnlyList<IngestOutcome>> WriteAsync(IReadOnlyList<IngestRow> rows, CancellationToken cancellationToken)
    {
        await using var writer = Open();
        return await writer.WriteAsync(rows, cancellationToken);
    }

    /// <summary>
    /// A writer for a transaction that spans several batches (a busy stream's, see Shared/StreamIngest in the
    /// channels); it shares what this process knows of authors. The caller commits and disposes it.
    /// </summary>
    public PostWriter Open() => new(target, clock, _knownAuthors);
}
