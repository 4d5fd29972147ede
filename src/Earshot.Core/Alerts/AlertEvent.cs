namespace Earshot.Core.Alerts;

/// <summary>
/// One step in an alert's life (opened, updated, closed, acknowledged, snoozed), by the detector (no actor) or a
/// person. Append-only. Its id is the event id deliveries are keyed on, so each event reaches a webhook once.
/// </summary>
public sealed class AlertEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AlertId { get; set; }
    /// <summary>"alert.opened", "alert.updated", "alert.closed", "alert.acknowledged", "alert.snoozed".</summary>
    public required string Type { get; set; }
    public Guid? ActorId { get; set; }
    public DateTime At { get; set; }
    public string DataJson { get; set; } = "{}";
}

public static class AlertEventTypes
{
    public const string Opened = "alert.opened";
    public const string Updated = "alert.updated";
    public const string Closed = "alert.closed";
    public const string Acknowledged = "alert.acknowledged";
    public const string Snoozed = "alert.snoozed";
    public const string IncidentOpened = "alert.incident_opened";
    /// <summary>A case missed its SLA; raised by the cases feature, deliverable to webhooks like alert events.</summary>
    public const string CaseBreached = "case.breached";

    /// <summary>What a webhook may subscribe to.</summary>
    public static readonly IReadOnlyList<string> Deliverable = [Opened, Updated, Closed, CaseBreached];
}
