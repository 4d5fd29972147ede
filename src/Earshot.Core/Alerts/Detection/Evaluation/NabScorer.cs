namespace Earshot.Core.Alerts.Detection.Evaluation;

/// <summary>A labelled anomaly window, both ends inclusive.</summary>
public sealed record NabWindow(DateTime Start, DateTime End);

/// <summary>NAB's application profile weights; <see cref="Standard"/> is A_TP = 1, A_FP = −0.11, A_FN = −1.</summary>
public sealed record NabProfile(double TruePositiveWeight, double FalsePositiveWeight, double FalseNegativeWeight)
{
    public static NabProfile Standard { get; } = new(1.0, 0.11, 1.0);
}

/// <summary>How one detector did on one file, in NAB's terms.</summary>
public sealed record NabFileScore(
    double Raw, double Null, double Perfect, int Windows, int WindowsDetected, int FalsePositives,
    IReadOnlyList<DateTime?> FirstDetectionPerWindow)
{
    /// <summary>NAB's normalisation: 0 is the detector that never fires, 100 the one that fires at each window start.</summary>
    public double Normalized => Normalize([this]);

    public static double Normalize(IEnumerable<NabFileScore> files)
    {
        double raw = 0, none = 0, perfect = 0;
        foreach (var f in files)
        {
            raw += f.Raw;
            none += f.Null;
            perfect += f.Perfect;
        }
        return perfect == none ? 0 : 100 * (raw - none) / (perfect - none);
    }
}

/// <summary>
/// NAB's scoring for binary detections, written from its documentation and scoring rules: inside a window, a
/// detection earns the scaled sigmoid of its relative position (early ≈ +1, at the window end 0), divided by
/// the sigmoid's value at the window start; only the first detection in a window counts and later ones in the
/// same window are ignored. Outside windows, a detection costs A_FP times the scaled sigmoid of its distance
/// past the previous window in window widths (the full −A_FP when no window precedes it or it is far away).
/// A window without detection costs A_FN. Points in the probationary period, the first
/// min(15% of the file, 750 points) as in NAB's code, are not scored.
/// </summary>
public static class NabScorer
{
    public const double ProbationaryFraction = 0.15;

    public static int ProbationaryLength(int points) =>
        (int)Math.Min(Math.Floor(ProbationaryFraction * points), ProbationaryFraction * 5000);

    /// <summary>2 / (1 + e^(5x)) − 1: +0.987 at x = −1, 0 at x = 0, towards −1 after; −1 beyond 3.</summary>
    public static double ScaledSigmoid(double x) => x > 3.0 ? -1.0 : 2.0 / (1.0 + Math.Exp(5.0 * x)) - 1.0;

    public static NabFileScore Score(
        IReadOnlyList<DateTime> timestamps, IReadOnlyList<NabWindow> windows, IEnumerable<DateTime> detections,
        NabProfile? profile = null)
    {
        profile ??= NabProfile.Standard;
        var ranges = windows
            .Select(w => (Left: LowerBound(timestamps, w.Start), Right: LowerBound(timestamps, w.End.AddTicks(1)) - 1))
            .Where(r => r.Right >= r.Left)
            .OrderBy(r => r.Left)
            .ToList();
        var probation = ProbationaryLength(timestamps.Count);
        var maxTruePositive = ScaledSigmoid(-1.0);
        var first = new DateTime?[ranges.Count];
        var firstScore = new double[ranges.Count];
        var falsePositives = 0;
        var falsePositiveScore = 0.0;

        foreach (var index in detections.Select(d => LowerBound(timestamps, d)).Where(i => i < timestamps.Count).Distinct().Order())
        {
            if (index < probation) continue;
            var w = ranges.FindIndex(r => index >= r.Left && index <= r.Right);
            if (w >= 0)
            {
                if (first[w] is not null) continue;
                var width = (double)(ranges[w].Right - ranges[w].Left + 1);
                var position = -(ranges[w].Right - index + 1) / width;
                first[w] = timestamps[index];
                firstScore[w] = ScaledSigmoid(position) * profile.TruePositiveWeight / maxTruePositive;
                continue;
            }
            falsePositives++;
            var previous = ranges.FindLastIndex(r => r.Right < index);
            var unweighted = -1.0;
            if (previous >= 0)
            {
                var previousWidth = ranges[previous].Right - ranges[previous].Left + 1;
                unweighted = ScaledSigmoid(Math.Abs(ranges[previous].Right - index) / Math.Max(1.0, previousWidth - 1));
            }
            falsePositiveScore += unweighted * profile.FalsePositiveWeight;
        }

        var raw = falsePositiveScore;
        for (var w = 0; w < ranges.Count; w++)
            raw += first[w] is null ? -profile.FalseNegativeWeight : firstScore[w];
        return new NabFileScore(
            raw, -profile.FalseNegativeWeight * ranges.Count, profile.TruePositiveWeight * ranges.Count, ranges.Count,
            first.Count(f => f is not null), falsePositives, first);
    }

    /// <summary>Index of the first timestamp at or after <paramref name="time"/> (Count when none).</summary>
    private static int LowerBound(IReadOnlyList<DateTime> timestamps, DateTime time)
    {
        int lo = 0, hi = timestamps.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (timestamps[mid] < time) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
