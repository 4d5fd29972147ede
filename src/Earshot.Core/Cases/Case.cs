namespace Earshot.Core.Cases;

/// <summary>A customer's thread that needs an answer.</summary>
public sealed class Case
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid? TeamId { get; set; }
    public Guid AuthorId { get; set; }
    public Guid? AssigneeId { get; set; }
    public string? ThreadExternalId { get; set; }
    public CaseStatus Status { get; set; }
    public double Priority { get; set; }
    public DateTime OpenedAt { get; set; }
    public DateTime? FirstResponseDueAt { get; set; }
    public DateTime? ResolutionDueAt { get; set; }
    public DateTime? FirstRespondedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}
