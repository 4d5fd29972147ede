using Earshot.Connectors;
using Earshot.Core.Posts;
using Earshot.Storage.Ingest;

namespace Earshot.Engine.Pipeline;

/// <summary>
/// A stream's storage: batches go into a transaction that stays open until the stream commits it, and the pipeline
/// hears of the new posts only then (it could not read them before). A writer lives for one transaction, so an idle
/// stream holds no connection.
/// </summary>
internal sealed class StreamStorage(PostWriters writers, PipelineSignal signal, Guid workspaceId, Guid channelId) : IStreamStorage
{
    private PostWriter? _writer;
    private readonly List<Guid> _uncommitted = [];

    public async Task<IReadOnlyList<IngestOutcome>> WriteAsync(IReadOnlyList<IncomingPost> posts, CancellationToken cancellationToken)
    {
        _writer ??= writers.Open();
        IReadOnlyList<IngestOutcome> outcomes;
        try
        {
            outcomes = await _writer.WriteAsync(posts.Select(p => new IngestRow(workspaceId, channelId, p)).ToList(), commit: false, cancellationToken);
        }
        catch
        {
            // The writer rolled its transaction back: the batches before this one are gone with it.
            await CloseAsync();
            throw;
        }
        _uncommitted.AddRange(outcomes.Where(o => o.Status != IngestStatus.Duplicate).Select(o => o.PostId));
        return outcomes;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
            return;
        try
        {
            await _writer.CommitAsync(cancellationToken);
            signal.Notify(_uncommitted);
        }
        finally
        {
            await CloseAsync();
        }
    }

    private async Task CloseAsync()
    {
        _uncommitted.Clear();
        if (_writer is not null)
            await _writer.DisposeAsync();
        _writer = null;
    }

    /// <summary>Whatever is still uncommitted is rolled back: only commits keep posts.</summary>
    public async ValueTask DisposeAsync() => await CloseAsync();
}
