namespace Earshot.Connectors.Shared;

/// <summary>
/// A reconnect delay schedule as a pure function of the attempt number (1 = first retry after a failure),
/// so connectors and tests agree on it without a clock. Linear adds <see cref="Initial"/> per attempt;
/// exponential doubles from it; both stop growing at <see cref="Max"/>.
/// </summary>
public sealed record BackoffSchedule(TimeSpan Initial, TimeSpan Max, bool Exponential)
{
    public static BackoffSchedule Linear(TimeSpan step, TimeSpan max) => new(step, max, Exponential: false);

    public static BackoffSchedule Doubling(TimeSpan initial, TimeSpan max) => new(initial, max, Exponential: true);

    public TimeSpan Delay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (!Exponential)
            return TimeSpan.FromTicks(Math.Min(Max.Ticks, Initial.Ticks * (long)Math.Min(attempt, int.MaxValue / 2)));
        // 2^30 already exceeds any sensible cap; clamping the exponent avoids overflow.
        var factor = 1L << Math.Min(attempt - 1, 30);
        var ticks = Initial.Ticks > Max.Ticks / factor ? Max.Ticks : Initial.Ticks * factor;
        return TimeSpan.FromTicks(Math.Min(ticks, Max.Ticks));
    }
}
