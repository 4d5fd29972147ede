using Earshot.Connectors.Shared;

namespace Earshot.Engine.Alerts.Delivery;

/// <summary>Retries of webhook and e-mail deliveries: doubling delays, then a dead letter.</summary>
public sealed record DeliveryOptions
{
    /// <summary>Attempts before a delivery becomes a dead letter (8: the last retry about an hour after the first try).</summary>
    public int MaxAttempts { get; init; } = 8;

    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often the queue is looked at when nothing signals new work (other processes, retries due).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A claimed delivery is not taken by another process for this long, so it is sent once.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public BackoffSchedule Backoff => BackoffSchedule.Doubling(FirstRetry, MaxRetryDelay);

    /// <summary>After failed attempt number <paramref name="attempts"/>: when to try again, or null for a dead letter.</summary>
    public DateTime? NextAttempt(int attempts, DateTime now) => attempts >= MaxAttempts ? null : now + Backoff.Delay(attempts);
}
