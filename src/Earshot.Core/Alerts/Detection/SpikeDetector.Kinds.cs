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
        var alpha = _options.EffectiveAlpha / _scales.Length;
        var fires = false;
        var departs = false;
        WindowTest? strongest = null;
        foreach (var scale in _scales)
        {
            var observed = _recent.Sum(scale.Buckets, Recent.Column.Posts);
            var expected = Math.Max(MinimumExpectedWindow, _recent.Sum(scale.Buckets, Recent.Column.Expected));
            var p = CountTails.NegativeBinomialUpper(observed, expected, scale.Dispersion.Value);
            var test = new WindowTest(expected, observed, p);
            if (strongest is null || p < strongest.Value.PValue) strongest = test;
            fires |= p < alpha && observed >= _options.MinimumCount && observed >= _options.MinimumRatio * expected;
            // Staying open needs only a milder departure, so a spike that wobbles stays one alert.
            departs |= p < Math.Sqrt(alpha) && observed >= (1 + _options.MinimumRatio) / 2 * expected;
        }
        return _volume.Step(at, fires, departs, strongest!.Value, posts, posts, rate);
    }

    private DetectionEvent? TestNegativity(DateTime at)
    {
        if (_baseline.NegativeShare(minimumPosts: 50) is not { } share) return null;
        var posts = _recent.Sum(_windowBuckets, Recent.Column.Posts);
        var negative = _recent.Sum(_windowBuckets, Recent.Column.Negatives);
        if (posts <= 0) return _negativity.Step(at, false, false, new WindowTest(share, 0, 1), 0, 0, 0);
        var observedShare = negative / posts;
        var p = CountTails.BinomialUpper(negative, posts, Math.Clamp(share, 0.01, 0.99));
        var fires = p < _options.EffectiveAlpha
            && negative >= _options.MinimumNegativeCount
            && observedShare >= share + _options.MinimumShareIncrease;
        var departs = observedShare >= share + _options.MinimumShareIncrease / 2;
        var lastNegatives = _recent.Last(Recent.Column.Negatives);
        return _negativity.Step(
            at, fires, departs, new WindowTest(share, observedShare, p), observedShare, lastNegatives,
            share * _recent.Last(Recent.Column.Posts));
    }

    private DetectionEvent? TestSilence(DateTime at, double posts, double rate)
    {
        if (_recent.Count < _silenceBuckets) return null;
        var rule = _options.Silence;
        var observed = _recent.Sum(_silenceBuckets, Recent.Column.Posts);
        var expected = _recent.Sum(_silenceBuckets, Recent.Column.Expected);
        var fires = rule.IsSilent(expected, observed);
        var departs = !rule.HasRecovered(expected, observed);
        var p = CountTails.PoissonLower(observed, expected);
        // For silence the "peak" is the missing volume, so the alert shows how much went unheard.
        return _silence.Step(at, fires, departs, new WindowTest(expected, observed, p), expected - observed, posts, rate);
    }
}
