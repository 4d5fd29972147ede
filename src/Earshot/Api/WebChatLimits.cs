using System.Threading.RateLimiting;

namespace Earshot.Api;

/// <summary>
/// Bounds what one anonymous visitor can make us store: messages per conversation (a burst of 10, then one every
/// 3 seconds) and new chats per address (20 a minute). In memory, per process: a limit, not an accounting.
/// </summary>
public sealed class WebChatLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _messages = PartitionedRateLimiter.Create<string, string>(conversation =>
        RateLimitPartition.GetTokenBucketLimiter(conversation, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 10, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(3), QueueLimit = 0, AutoReplenishment = true,
        }));

    private readonly PartitionedRateLimiter<string> _sessions = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        }));

    public bool TryAcceptMessage(string conversation, out TimeSpan retryAfter)
    {
        using var lease = _messages.AttemptAcquire(conversation);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(3);
        return lease.IsAcquired;
    }

    public bool TryStartSession(string address)
    {
        using var lease = _sessions.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _messages.Dispose();
        _sessions.Dispose();
    }
}
