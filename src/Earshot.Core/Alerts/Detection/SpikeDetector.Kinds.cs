namespace Earshot.Core.Alerts.Detection;

public sealed partial class SpikeDetector
{
    /// <summary>
    /// Tests the short and the long window; either may open the alert (each at half the alpha, so two looks
    /// cost no extra false alarms). The short one catches sharp bursts, the long one a sustained rise that no
    /// single quarter-hour proves.
    /// </summary>
    private DetectionEvent? TestVolume(DateTime at, double posts, double rate)
    {
        var alpha = options.EffectiveAlpha / scales.Length;
        var fires = false;
        var departs = false;
        WindowTest? strongest = null;
        foreach (var scale in scales)
        {
            var observed = recent.Sum(scale.Buckets, Recent.Column.Posts);
            var expected = Math.Max(MinimumExpectedWindow, recent.Sum(scale.Buckets, Recent.Column.Expected));
            var p = CountTails.NegativeBinomialUpper(observed, expected, scale.Dispersion.Value);
            var test = new WindowTest(expected, observed, p);
            if (strongest is null || p < strongest.Value.PValue) strongest = test;
            fires |= p < alpha && observed >= options.MinimumCount && observed >= options.MinimumRatio * expected;
            // Staying open needs only a milder departure, so a spike that wobbles stays one alert.
            departs |= p < Math.Sqrt(alpha) && observed >= (1 + options.MinimumRatio) / 2 * expected;
        }
        return volume.Step(at, fires, departs, strongest!.Value, posts, posts, rate);
    }

    private DetectionEvent? TestNegativity(DateTime at)
    {
        if (baseline.NegativeShare(minimumPosts: 50) is not { } share) return null;
        var posts = recent.Sum(windowBuckets, Recent.Column.Posts);
        var negative = recent.Sum(windowBuckets, Recent.Column.Negatives);
        if (posts <= 0) return negativity.Step(at, false, false, new WindowTest(share, 0, 1), 0, 0, 0);
        var observedShare = negative / posts;
        var p = CountTails.BinomialUpper(negative, posts, Math.Clamp(share, 0.01, 0.99));
        var fires = p < options.EffectiveAlpha
            && negative >= options.MinimumNegativeCount
            && observedShare >= share + options.MinimumShareIncrease;
        var departs = observedShare >= share + options.MinimumShareIncrease / 2;
        var lastNegatives = recent.Last(Recent.Column.Negatives);
        return negativity.Step(
            at, fires, departs, new WindowTest(share, observedShare, p), observedShare, lastNegatives,
            share * recent.Last(Recent.Column.Posts));
    }

    private DetectionEvent? TestSilence(DateTime at, double posts, double rate)
    {
        if (recent.Count < silenceBuckets) return null;
        var rule = options.Silence;
        var observed = recent.Sum(silenceBuckets, Recent.Column.Posts);
        var expected = recent.Sum(silenceBuckets, Recent.Column.Expected);
        var fires = rule.IsSilent(expected, observed);
        var departs = !rule.HasRecovered(expected, observed);
        var p = CountTails.PoissonLower(observed, expected);
        // For silence the "peak" is the missing volume, so the alert shows how much went unheard.
        return silence.Step(at, fires, departs, new WindowTest(expected, observed, p), expected - observed, posts, rate);
    }
}
