namespace Earshot.Core.Posts;

/// <summary>
/// A verified webhook delivery, stored exactly as received before it is answered, so it is processed even if the
/// process dies right after answering. Deduplicated by a hash of its bytes: a network's retry stores nothing new.
/// </summary>
public sealed class InboundDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>Which endpoint received it ("meta"); decides how it is processed.</summary>
    public required string Source { get; set; }
    /// <summary>Lower-case hex SHA-256 of the body bytes.</summary>
    public required string BodyHash { get; set; }
    public required string Body { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
