namespace Earshot.Storage.Ingest;

/// <summary>An incoming post with the workspace and channel it was received on.</summary>
public readonly record struct IngestRow(Guid WorkspaceId, Guid ChannelId, IncomingPost Post);
