namespace Earshot.Core.Understanding.Learning;

/// <summary>
/// One version of a trained model for a task, with how it scored on its held-back slice and against what it
/// replaced. At most one version per task is active; rolling back only moves that mark.
/// </summary>
public sealed class TrainedModel
{
    /// <summary>Numbered across tasks, so `earshot models rollback VERSION` names exactly one model.</summary>
    public int Version { get; set; }
    public required string Task { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Where the examples came from: "labels" (agents' corrections) or "csv:FILE".</summary>
    public required string Source { get; set; }
    public int TrainCount { get; set; }
    public int TestCount { get; set; }
    public double Accuracy { get; set; }
    public double MacroF1 { get; set; }
    /// <summary>The model it had to beat (the active one, else the built-in), scored on the same held-back slice.</summary>
    public double BaselineAccuracy { get; set; }
    public required string Baseline { get; set; }
    public bool IsActive { get; set; }
    /// <summary>The serialised ML.NET model.</summary>
    public required byte[] Content { get; set; }
}
