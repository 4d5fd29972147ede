namespace Earshot.Core.Alerts.Detection;

/// <summary>
/// The life of one alert kind on one series: opens when the test fires (unless cooling down after the last
/// incident), follows the peak and the total while the departure lasts, closes after <c>closeAfter</c> of
/// calm, then stays quiet for the cooldown. This is what makes one incident one alert.
/// </summary>
internal sealed class Incident(DetectionKind kind, DetectorOptions options)
{
    private DateTime openedAt;
    private DateTime lastDepartureAt;
    private DateTime lastEventAt;
    private DateTime quietUntil = DateTime.MinValue;
    private double peak;
    private double total;
    private double expectedTotal;

    public bool IsOpen { get; private set; }

    public void CopyFrom(Incident other)
    {
        openedAt = other.openedAt;
        lastDepartureAt = other.lastDepartureAt;
        lastEventAt = other.lastEventAt;
        quietUntil = other.quietUntil;
        peak = other.peak;
        total = other.total;
        expectedTotal = other.expectedTotal;
        IsOpen = other.IsOpen;
    }

    /// <summary>
    /// One bucket. <paramref name="fires"/>: the window passes the opening test; <paramref name="departs"/>:
    /// it is still clearly off normal (a looser test, so the alert does not flap). <paramref name="level"/> is
    /// compared to the peak; <paramref name="amount"/>/<paramref name="expectedAmount"/> add to the totals.
    /// </summary>
    public DetectionEvent? Step(
        DateTime at, bool fires, bool departs, WindowTest test, double level, double amount, double expectedAmount)
    {
        if (!IsOpen)
        {
            if (!fires || at < quietUntil) return null;
            IsOpen = true;
            openedAt = lastDepartureAt = lastEventAt = at;
            peak = level;
            // The window that fired already holds the start of the incident.
            total = test.Observed;
            expectedTotal = test.Expected;
            return Event(DetectionPhase.Opened, at, test);
        }

        total += amount;
        expectedTotal += expectedAmount;
        if (fires || departs) lastDepartureAt = at;
        if (at - lastDepartureAt >= options.CloseAfter)
        {
            IsOpen = false;
            quietUntil = at + options.Cooldown;
            return Event(DetectionPhase.Closed, at, test);
        }
        var newPeak = level > peak;
        peak = Math.Max(peak, level);
        if (newPeak || at - lastEventAt >= options.UpdateEvery)
        {
            lastEventAt = at;
            return Event(DetectionPhase.Updated, at, test);
        }
        return null;
    }

    private DetectionEvent Event(DetectionPhase phase, DateTime at, WindowTest test) =>
        new(kind, phase, at, openedAt, test.Expected, test.Observed, test.PValue, peak, total, expectedTotal);
}

/// <summary>The tested window: what the baseline expected, what arrived, and how surprising that is.</summary>
internal readonly record struct WindowTest(double Expected, double Observed, double PValue);
