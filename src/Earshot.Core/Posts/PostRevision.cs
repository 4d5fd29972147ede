namespace Earshot.Core.Posts;

/// <summary>The text a post had before an edit replaced it.</summary>
public sealed class PostRevision
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PostId { get; set; }
    public required string Text { get; set; }
    public required string RawPayload { get; set; }
    public DateTime ReplacedAt { get; set; }
}
