using Earshot.Core.Workspaces;

namespace Earshot.Core.Topics;

/// <summary>A listening topic: a boolean query over posts, owned by a team.</summary>
public sealed class Topic : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    public required string Query { get; set; }
    public Guid? TeamId { get; set; }
    /// <summary>Brand, competitor, product, campaign or other: which side of share of voice the topic counts for.</summary>
    public TopicKind Kind { get; set; } = TopicKind.Other;
    /// <summary>How easily the live detector raises alerts on this topic.</summary>
    public Alerts.Detection.Sensitivity Sensitivity { get; set; } = Alerts.Detection.Sensitivity.Normal;
    public DateTime CreatedAt { get; set; }
}
