namespace Earshot.Storage.Ingest;

public enum IngestStatus
{
    /// <summary>New: stored for the first time.</summary>
    Stored,
    /// <summary>Seen before with the same text, or older than the version stored (a replay): nothing changed.</summary>
    Duplicate,
    /// <summary>Seen before with other text: the post was updated and its old text kept as a revision.</summary>
    Edited,
}

public readonly record struct IngestOutcome(Guid PostId, IngestStatus Status);
