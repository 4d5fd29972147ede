using Earshot.Core.Posts;

namespace Earshot.Connectors.Shared;

/// <summary>The posts a page or batch yielded, and the items that could not be read (kept going past them).</summary>
public sealed record MappedBatch(IReadOnlyList<IncomingPost> Posts, IReadOnlyList<ConnectorError> Errors);
