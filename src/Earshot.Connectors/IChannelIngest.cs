using Earshot.Core.Posts;
using Earshot.Storage.Ingest;

namespace Earshot.Connectors;

/// <summary>
/// Where a connector's posts go: stored durably and idempotently, then handed to the pipeline. The engine's
/// ingest service implements it, so connectors never depend on the engine.
/// </summary>
public interface IChannelIngest
{
    /// <summary>Stores posts received on one configured channel.</summary>
    Task<IReadOnlyList<IngestOutcome>> IngestToChannelAsync(Guid workspaceId, Guid channelId, IReadOnlyList<IncomingPost> posts, CancellationToken cancellationToken);

    /// <summary>Hides posts deleted or hidden at their source (by external id); returns how many were found.</summary>
    Task<int> MarkDeletedAsync(Guid channelId, IReadOnlyList<string> externalIds, CancellationToken cancellationToken);

    /// <summary>Shows again posts hidden at their source and then restored there; returns how many were found.</summary>
    Task<int> MarkRestoredAsync(Guid channelId, IReadOnlyList<string> externalIds, CancellationToken cancellationToken);
}
