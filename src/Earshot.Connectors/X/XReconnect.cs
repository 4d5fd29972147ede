using System.Globalization;
using Earshot.Connectors.Shared;

namespace Earshot.Connectors.X;

public enum XFailure
{
    /// <summary>TCP/TLS errors, resets, stalls (no data or keep-alive for 20 s).</summary>
    Network,
    /// <summary>HTTP errors other than 429.</summary>
    Http,
    /// <summary>HTTP 429 (rate limited or too many connections).</summary>
    RateLimited,
}

/// <summary>The reconnect back-off documented for the filtered stream, and the x-rate-limit-* headers.</summary>
public static class XReconnect
{
    /// <summary>Network errors: linear, +250 ms per attempt, up to 16 s.</summary>
    public static BackoffSchedule Network { get; } = BackoffSchedule.Linear(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(16));

    /// <summary>HTTP errors: exponential from 5 s, up to 320 s.</summary>
    public static BackoffSchedule Http { get; } = BackoffSchedule.Doubling(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(320));

    /// <summary>HTTP 429: exponential from 1 minute. The docs give no cap; 16 minutes outlasts the 15-minute window.</summary>
    public static BackoffSchedule RateLimited { get; } = BackoffSchedule.Doubling(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(16));

    /// <summary>Delay before reconnect attempt <paramref name="attempt"/> (1-based; reset to 1 after a healthy connection).</summary>
    public static TimeSpan Delay(XFailure failure, int attempt) => failure switch
    {
        XFailure.Network => Network.Delay(attempt),
        XFailure.Http => Http.Delay(attempt),
        _ => RateLimited.Delay(attempt),
    };

    /// <summary>For a 429, wait at least until the window resets when the headers say so.</summary>
    public static TimeSpan Delay(XFailure failure, int attempt, RateLimit? limit, DateTimeOffset now)
    {
        var scheduled = Delay(failure, attempt);
        var untilReset = limit?.WaitBeforeNextCall(now) ?? TimeSpan.Zero;
        return failure == XFailure.RateLimited && untilReset > scheduled ? untilReset : scheduled;
    }

    /// <summary>x-rate-limit-limit / -remaining / -reset (reset = UNIX epoch seconds).</summary>
    public static RateLimit ParseRateLimit(HeaderBag headers) => new(
        long.TryParse(headers["x-rate-limit-limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) ? limit : null,
        double.TryParse(headers["x-rate-limit-remaining"], NumberStyles.Float, CultureInfo.InvariantCulture, out var remaining) ? remaining : null,
        long.TryParse(headers["x-rate-limit-reset"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset) && reset is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(reset)
            : null);
}
