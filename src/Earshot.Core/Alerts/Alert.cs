namespace Earshot.Core.Alerts;

public sealed class Alert
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid? TopicId { get; set; }
    public required string Kind { get; set; }
    public required string Status { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public int Count { get; set; }
    public string DetailsJson { get; set; } = "{}";
}
