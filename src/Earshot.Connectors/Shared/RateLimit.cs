namespace Earshot.Connectors.Shared;

/// <summary>
/// What a response said about the caller's budget, normalised across header dialects (epoch seconds,
/// ISO-8601, seconds-until, float counts). Null parts were absent or unreadable.
/// </summary>
public sealed record RateLimit(long? Limit, double? Remaining, DateTimeOffset? ResetAt, TimeSpan? RetryAfter = null)
{
    public bool Exhausted => Remaining is <= 0;

    /// <summary>How long to wait before the next call: the server's retry-after, else the reset when exhausted.</summary>
    public TimeSpan WaitBeforeNextCall(DateTimeOffset now)
    {
        if (RetryAfter is { } retry)
            return retry;
        if (Exhausted && ResetAt is { } reset && reset > now)
            return reset - now;
        return TimeSpan.Zero;
    }
}
