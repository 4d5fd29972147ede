namespace Earshot.Core.Understanding.Learning;

/// <summary>Re-labelling every stored post after a model change, in batches, resumable from its cursor.</summary>
public sealed class ReclassifyJob
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Reason { get; set; }
    public required string Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public int Total { get; set; }
    public int Done { get; set; }
    /// <summary>The last post id re-labelled (posts are walked in id order, so a restart resumes here).</summary>
    public Guid? Cursor { get; set; }
    public string? Error { get; set; }
}

public static class ReclassifyStatuses
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}
