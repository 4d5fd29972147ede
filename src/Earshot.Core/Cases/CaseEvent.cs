namespace Earshot.Core.Cases;

/// <summary>One change to a case. Append-only: never updated or deleted.</summary>
public sealed class CaseEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    /// <summary>See <see cref="CaseEventKinds"/>.</summary>
    public required string Kind { get; set; }
    public Guid? ActorId { get; set; }
    public Guid? PostId { get; set; }
    public string DataJson { get; set; } = "{}";
    public DateTime At { get; set; }
}

public static class CaseEventKinds
{
    public const string Opened = "opened";
    public const string PostAdded = "post_added";
    public const string Reopened = "reopened";
    public const string Routed = "routed";
    public const string Assigned = "assigned";
    public const string StatusChanged = "status_changed";
    public const string Reply = "reply";
    public const string Note = "note";
    public const string Tagged = "tagged";
    public const string Merged = "merged";
    public const string Split = "split";
    public const string SlaBreached = "sla_breached";
}
