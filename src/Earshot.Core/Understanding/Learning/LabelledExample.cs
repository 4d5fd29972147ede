namespace Earshot.Core.Understanding.Learning;

/// <summary>
/// A label an agent gave a post (a correction of the model). Append-only: the latest per post and task wins, and
/// the history says who changed what when. These are the trained model's training data.
/// </summary>
public sealed class LabelledExample
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PostId { get; set; }
    /// <summary>"sentiment" or "intent" (<see cref="LearningTasks"/>).</summary>
    public required string Task { get; set; }
    public required string Label { get; set; }
    public Guid? UserId { get; set; }
    public DateTime At { get; set; }
}
