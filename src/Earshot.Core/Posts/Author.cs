namespace Earshot.Core.Posts;

/// <summary>Someone who posts on one channel. The same person on two channels is two authors (linked later).</summary>
public sealed class Author
{
    public Guid Id { get; set; }
    public Guid ChannelId { get; set; }
    public required string Handle { get; set; }
    public string? DisplayName { get; set; }
    /// <summary>For listening and reports only: never an input to case priority.</summary>
    public int? Followers { get; set; }
    public string? ProfileUrl { get; set; }
}
