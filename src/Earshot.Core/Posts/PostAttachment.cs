namespace Earshot.Core.Posts;

/// <summary>
/// A stored attachment of a post, written with the post in the same transaction, so exactly once. The bytes are
/// attacker-controlled: they are only ever served as a download, never rendered.
/// </summary>
public sealed class PostAttachment
{
    public Guid PostId { get; set; }
    /// <summary>0-based place among the post's attachments; the download address uses it.</summary>
    public int Position { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public required string Sha256 { get; set; }
    /// <summary>Larger than the cap: listed, but <see cref="Content"/> was not kept.</summary>
    public bool TooLarge { get; set; }
    public byte[]? Content { get; set; }
}
