namespace Earshot.Core.Alerts.Delivery;

/// <summary>
/// One event owed to one webhook. Created in the same transaction as the event, unique per (webhook, event), so an
/// event is enqueued exactly once; attempts, the next attempt and the last error are stored, so a restart resumes
/// retries, and after the last attempt it stays as a dead letter until someone retries it.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WebhookId { get; set; }
    public Guid EventId { get; set; }
    public required string EventType { get; set; }
    public Guid? AlertId { get; set; }
    /// <summary>The exact body sent on every attempt (the signature covers it byte for byte).</summary>
    public required string Body { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
}

/// <summary>An alert e-mail owed to the owning team's address; retried and dead-lettered like a webhook delivery.</summary>
public sealed class EmailDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EventId { get; set; }
    public required string EventType { get; set; }
    public Guid? AlertId { get; set; }
    /// <summary>Comma-separated addresses.</summary>
    public required string Recipients { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public string? LastError { get; set; }
}

public enum DeliveryStatus
{
    Pending,
    Delivered,
    Dead,
}
