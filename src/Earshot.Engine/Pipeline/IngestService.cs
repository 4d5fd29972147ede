using Earshot.Connectors;
using Earshot.Core.Posts;
using Earshot.Engine.Workspaces;
using Earshot.Storage.Ingest;

namespace Earshot.Engine.Pipeline;

/// <summary>
/// The one way in for posts from every source: store durably and idempotently, then hand them to the pipeline.
/// </summary>
public sealed class IngestService(
    WorkspaceDirectory directory, PostWriters writers, PipelineSignal signal,
    Microsoft.EntityFrameworkCore.IDbContextFactory<Storage.EarshotDbContext> contexts) : IChannelIngest
{
    /// <summary>
    /// A post deleted at its source is hidden, not erased: it leaves lists, searches and exports, and its history stays
    /// for the cases it took part in.
    /// </summary>
    public async Task<int> MarkDeletedAsync(Guid channelId, IReadOnlyList<string> externalIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Posts.Where(p => p.ChannelId == channelId && externalIds.Contains(p.ExternalId) && !p.IsDeleted),
            set => set.SetProperty(p => p.IsDeleted, true), cancellationToken);
    }

    /// <summary>Shows again posts hidden at their source and then restored there (a moderator's unhide).</summary>
    public async Task<int> MarkRestoredAsync(Guid channelId, IReadOnlyList<string> externalIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Posts.Where(p => p.ChannelId == channelId && externalIds.Contains(p.ExternalId) && p.IsDeleted),
            set => set.SetProperty(p => p.IsDeleted, false), cancellationToken);
    }

    public async Task<IReadOnlyList<IngestOutcome>> IngestAsync(
        string? workspace, IReadOnlyList<IncomingPost> posts, CancellationToken cancellationToken)
    {
        var workspaceId = await directory.GetOrCreateWorkspaceAsync(workspace, cancellationToken);
        var rows = new List<IngestRow>(posts.Count);
        foreach (var post in posts)
        {
            var channelId = await directory.GetOrCreateChannelAsync(workspaceId, post.Channel, cancellationToken);
            rows.Add(new IngestRow(workspaceId, channelId, post));
        }
        return await WriteAsync(rows, cancellationToken);
    }

    /// <summary>Stores posts received on one configured channel (a connector's).</summary>
    public Task<IReadOnlyList<IngestOutcome>> IngestToChannelAsync(
        Guid workspaceId, Guid channelId, IReadOnlyList<IncomingPost> posts, CancellationToken cancellationToken) =>
        WriteAsync(posts.Select(p => new IngestRow(workspaceId, channelId, p)).ToList(), cancellationToken);

    /// <summary>Storage for a stream of one configured channel, in transactions that span batches.</summary>
    public IStreamStorage OpenStreamStorage(Guid workspaceId, Guid channelId) => new StreamStorage(writers, signal, workspaceId, channelId);

    private async Task<IReadOnlyList<IngestOutcome>> WriteAsync(IReadOnlyList<IngestRow> rows, CancellationToken cancellationToken)
    {
        var outcomes = await writers.WriteAsync(rows, cancellationToken);
        signal.Notify(outcomes.Where(o => o.Status != IngestStatus.Duplicate).Select(o => o.PostId));
        return outcomes;
    }
}
