using Earshot.Core.Workspaces;

namespace Earshot.Core.Insights;

/// <summary>
/// Re-counting a workspace's stored posts after a topic was added or its query changed: the topic is matched again
/// against every post, in id order, a batch at a time, and the rollups follow. Progress is kept for the topic page.
/// </summary>
public sealed class RollupRebuild : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    /// <summary>The topic to match again; null re-counts every post from its stored labels and matches.</summary>
    public Guid? TopicId { get; set; }
    public required string Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public int Total { get; set; }
    public int Done { get; set; }
    /// <summary>The last post id re-counted: a restart, or another node taking over, resumes after it.</summary>
    public Guid? Cursor { get; set; }
    /// <summary>While set and in the future, a node is working on this rebuild and others leave it alone.</summary>
    public DateTime? LeasedUntil { get; set; }
    public string? Error { get; set; }
}

public static class RollupRebuildStatuses
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}
