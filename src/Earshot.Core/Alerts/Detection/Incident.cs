namespace Earshot.Core.Alerts.Detection;

/// <summary>
/// The life of one alert kind on one series: opens when the test fires (unless cooling down after the last
/// incident), follows the peak and the total while the departure lasts, closes after <c>closeAfter</c> of
/// calm, then stays quiet for the cooldown. This is what makes one incident one alert.
/// </summary>
internal sealed class Incident(DetectionKind kind, DetectorOptions options)
{
    private DateTime _openedAt;
    private DateTime _lastDepartureAt;
    private DateTime _lastEventAt;
    private DateTime _quietUntil = DateTime.MinValue;
    private double _peak;
    private double _total;
    private double _expectedTotal;

    public bool IsOpen { get; private set; }

    public void CopyFrom(Incident other)
    {
        _openedAt = other._openedAt;
        _lastDepartureAt = other._lastDepartureAt;
        _lastEventAt = other._lastEventAt;
        _quietUntil = other._quietUntil;
        _peak = other._peak;
        _total = other._total;
        _expectedTotal = other._expectedTotal;
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
            if (!fires || at < _quietUntil) return null;
            IsOpen = true;
            _openedAt = _lastDepartureAt = _lastEventAt = at;
            _peak = level;
            // The window that fired already holds the start of the incident.
            _total = test.Observed;
            _expectedTotal = test.Expected;
            return Event(DetectionPhase.Opened, at, test);
        }

        _total += amount;
        _expectedTotal += expectedAmount;
        if (fires || departs) _lastDepartureAt = at;
        if (at - _lastDepartureAt >= options.CloseAfter)
        {
            IsOpen = false;
            _quietUntil = at + options.Cooldown;
            return Event(DetectionPhase.Closed, at, test);
        }
        var newPeak = level > _peak;
        _peak = Math.Max(_peak, level);
        if (newPeak || at - _lastEventAt >= options.UpdateEvery)
        {
            _lastEventAt = at;
            return Event(DetectionPhase.Updated, at, test);
        }
        return null;
    }

    private DetectionEvent Event(DetectionPhase phase, DateTime at, WindowTest test) =>
        new(kind, phase, at, _openedAt, test.Expected, test.Observed, test.PValue, _peak, _total, _expectedTotal);
}

/// <summary>The tested window: what the baseline expected, what arrived, and how surprising that is.</summary>
internal readonly record struct WindowTest(double Expected, double Observed, double PValue);
