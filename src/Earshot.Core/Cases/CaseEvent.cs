namespace Earshot.Core.Cases;

/// <summary>One change to a case. Append-only: never updated or deleted.</summary>
public sealed class CaseEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public required string Kind { get; set; }
    public Guid? ActorId { get; set; }
    public Guid? PostId { get; set; }
    public string DataJson { get; set; } = "{}";
    public DateTime At { get; set; }
}
