namespace Earshot.Benchmarks;

internal static class Percentiles
{
    /// <summary>The nearest-rank percentile (0–100) of the samples, which need not be sorted; NaN for none.</summary>
    public static double Of(IEnumerable<double> samples, double percent)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count == 0
            ? double.NaN
            : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
