namespace Earshot.Core.Topics;

/// <summary>A post matched a topic.</summary>
public sealed class TopicMatch
{
    public Guid PostId { get; set; }
    public Guid TopicId { get; set; }
    public DateTime MatchedAt { get; set; }
}
