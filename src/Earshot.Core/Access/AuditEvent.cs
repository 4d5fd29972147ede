namespace Earshot.Core.Access;

/// <summary>A change to settings that matter for fairness or access (reach factor, roles, tokens). Append-only.</summary>
public sealed class AuditEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? WorkspaceId { get; set; }
    public Guid? ActorId { get; set; }
    public required string Kind { get; set; }
    public string DataJson { get; set; } = "{}";
    public DateTime At { get; set; }
}
