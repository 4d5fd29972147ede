namespace Earshot.Core.Alerts.Detection.Evaluation;

/// <summary>
/// The evaluation shared by the `nab` benchmark and the tests: our detector and the naive mean + kσ peer on
/// NAB's labelled Twitter volume, with the settings documented in docs/EVALUATION.md.
/// </summary>
public static class NabEvaluation
{
    /// <summary>
    /// NAB counts every 5 minutes. Whole-brand mention volume is news-driven and bursty, so the brand profile
    /// is low sensitivity, at least 5× normal in the window, and a day of cooldown (a news story is one incident).
    /// </summary>
    public static DetectorOptions Options { get; } = new()
    {
        BucketSize = TimeSpan.FromMinutes(5),
        Window = TimeSpan.FromMinutes(15),
        LongWindow = TimeSpan.FromHours(1),
        Sensitivity = Sensitivity.Low,
        MinimumRatio = 5,
        Cooldown = TimeSpan.FromHours(24),
    };

    /// <summary>Product defaults at NAB's 5-minute buckets, used for the synthetic series.</summary>
    public static DetectorOptions SyntheticOptions { get; } = new() { BucketSize = TimeSpan.FromMinutes(5) };

    /// <summary>k and trailing window of the naive peer (the classic 3σ over the last day).</summary>
    public const double NaiveK = 3;

    public static readonly TimeSpan NaiveTrailing = TimeSpan.FromDays(1);

    public static IReadOnlyList<DateTime> RunOurs(IReadOnlyList<(DateTime time, double value)> points, DetectorOptions? options = null) =>
        SeriesDetection.Run(points, options ?? Options);

    public static IReadOnlyList<DateTime> RunNaive(IReadOnlyList<(DateTime time, double value)> points, double k = NaiveK) =>
        NaiveSigmaDetector.Run(points, k, NaiveTrailing, Options.Cooldown);
}
