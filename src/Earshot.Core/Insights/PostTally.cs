using Earshot.Core.Workspaces;

namespace Earshot.Core.Insights;

/// <summary>
/// What one post added to the rollups, kept so that re-counting it (a retry, a re-label, a topic re-matched) first
/// takes exactly that away: the rollups stay equal to a count over the posts whatever ran twice.
/// </summary>
public sealed class PostTally : IWorkspaceOwned
{
    public Guid PostId { get; set; }
    public Guid WorkspaceId { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid ChannelId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Language { get; set; }
    public required string Sentiment { get; set; }
    public required string Intent { get; set; }
    public bool Switcher { get; set; }
    /// <summary>Normalised aspects, comma-separated.</summary>
    public string Aspects { get; set; } = "";
    /// <summary>Matched topics, comma-separated ids.</summary>
    public string TopicIds { get; set; } = "";
}
