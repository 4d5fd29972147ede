namespace Earshot.Core.Posts;

/// <summary>
/// A post as a source hands it to Earshot, before storage: the shape of the JSONL post format
/// (docs/POST-FORMAT.md) and of every connector's output. Its text is storable by construction: characters no
/// database can hold are replaced as it is made (<see cref="StoredText"/>), whichever source made it.
/// </summary>
public sealed record IncomingPost
{
    public required string ExternalId { get; init => field = StoredText.Clean(value); }
    public required ChannelKind Channel { get; init; }
    public required string Author { get; init => field = StoredText.Clean(value); }
    public required string Text { get; init => field = StoredText.Clean(value); }
    public string? AuthorDisplayName { get; init => field = StoredText.CleanOrNull(value); }
    public int? AuthorFollowers { get; init; }
    public string? AuthorProfileUrl { get; init => field = StoredText.CleanOrNull(value); }
    /// <summary>When the author posted it; null means "when we received it".</summary>
    public DateTime? CreatedAt { get; init; }
    public string? Url { get; init => field = StoredText.CleanOrNull(value); }
    public string? InReplyTo { get; init => field = StoredText.CleanOrNull(value); }
    /// <summary>
    /// The conversation's first post, when the source names it (e-mail's first `References` id). Used only while the
    /// parent is not stored, so a reply whose parent never arrived still joins its thread. Not part of the JSONL format.
    /// </summary>
    public string? ThreadRoot { get; init => field = StoredText.CleanOrNull(value); }
    public string? Language { get; init => field = StoredText.CleanOrNull(value); }
    /// <summary>
    /// When the sender made this version of the post, on the sender's word: an edit is applied only over an older
    /// stored version, so a replayed or late message never reverts a newer one. The intake channel sets it from the
    /// signed timestamp. Null: the edit applies whenever it arrives. Not part of the JSONL format.
    /// </summary>
    public DateTime? RevisedAt { get; init; }
    /// <summary>Posted by the brand itself (its replies never open cases).</summary>
    public bool IsBrand { get; init; }
    /// <summary>The item exactly as it arrived (a JSON object, or a CSV row rendered as JSON).</summary>
    public required string RawPayload { get; init => field = StoredText.Clean(value); }
    /// <summary>Files that came with it (e-mail); stored once, with the post. Not part of the JSONL format.</summary>
    public IReadOnlyList<IncomingAttachment> Attachments { get; init; } = [];
}
