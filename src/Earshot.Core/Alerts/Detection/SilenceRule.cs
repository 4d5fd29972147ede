namespace Earshot.Core.Alerts.Detection;

/// <summary>
/// A busy topic going quiet, which is more often a broken connector than a sudden lack of interest. It only
/// applies where the baseline expects at least <see cref="MinimumExpected"/> posts in the window, and fires
/// when at most <see cref="MaximumFraction"/> of them arrived and the Poisson chance of so few is below alpha.
/// </summary>
public sealed record SilenceRule
{
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    public double MinimumExpected { get; init; } = 30;

    public double MaximumFraction { get; init; } = 0.1;

    public double Alpha { get; init; } = 1e-6;

    public bool IsSilent(double expected, double observed) =>
        expected >= MinimumExpected
        && observed <= MaximumFraction * expected
        && CountTails.PoissonLower(observed, expected) < Alpha;

    /// <summary>Traffic is back once half of the expected volume arrives again.</summary>
    public bool HasRecovered(double expected, double observed) => observed >= 0.5 * expected;
}
