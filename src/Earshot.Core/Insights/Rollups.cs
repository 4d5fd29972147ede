using Earshot.Core.Workspaces;

namespace Earshot.Core.Insights;

/// <summary>
/// The dimensions every rollup row is counted by. <see cref="TopicId"/> is <see cref="Guid.Empty"/> for the row that
/// counts all of the workspace's posts, so a report without a topic filter reads one row set too.
/// </summary>
public abstract class RollupRow : IWorkspaceOwned
{
    public Guid WorkspaceId { get; set; }
    public Guid TopicId { get; set; }
    /// <summary>The hour (volume) or day (aspects, authors) the posts were written in, UTC.</summary>
    public DateTime Bucket { get; set; }
    public Guid ChannelId { get; set; }
    public required string Language { get; set; }
    public required string Sentiment { get; set; }
    public required string Intent { get; set; }
    public long Posts { get; set; }
    /// <summary>The latest post counted here, for examples without a scan of posts.</summary>
    public Guid LatestPostId { get; set; }
}

/// <summary>Posts per hour (<see cref="BucketSpan.Hour"/>) and per day (<see cref="BucketSpan.Day"/>).</summary>
public sealed class VolumeRollup : RollupRow
{
    public BucketSpan Span { get; set; }
    /// <summary>The post says its author is leaving for, or chose, someone else (the churn cue).</summary>
    public bool Switcher { get; set; }
}

/// <summary>Posts per day and aspect ("battery", "customer service"): gripes, delights and emerging terms.</summary>
public sealed class AspectRollup : RollupRow
{
    public required string Aspect { get; set; }
}

/// <summary>Posts per day and author: evangelists and detractors.</summary>
public sealed class AuthorRollup : RollupRow
{
    public Guid AuthorId { get; set; }
}

public enum BucketSpan
{
    Hour = 1,
    Day = 2,
}
