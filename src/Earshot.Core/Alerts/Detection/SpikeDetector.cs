namespace Earshot.Core.Alerts.Detection;

/// <summary>
/// Streaming detector for one count series (a topic, an aspect or a severity cue). Feed it buckets in time
/// order with the posts' own times (imported history becomes the baseline; a replay reproduces real spikes);
/// it has no clock. A bucket that is skipped counts as zero posts. Each call returns the alert events that
/// bucket caused: volume spike, negativity spike (share of negative posts, even at steady volume), silence.
/// </summary>
public sealed partial class SpikeDetector
{
    private const double MinimumDispersion = 0.02;
    private const double MinimumExpectedWindow = 1;

    private readonly DetectorOptions options;
    private readonly SeasonalBaseline baseline;
    private readonly Recent recent;
    private readonly Scale[] scales;
    private readonly Incident volume;
    private readonly Incident negativity;
    private readonly Incident silence;
    private readonly int windowBuckets;
    private readonly int silenceBuckets;
    private DateTime? next;
    private DateTime first;

    public SpikeDetector(DetectorOptions options)
    {
        options.Validate();
        this.options = options;
        windowBuckets = options.WindowBuckets;
        silenceBuckets = Math.Max(1, (int)Math.Round(options.Silence.Window / options.BucketSize));
        baseline = new SeasonalBaseline(options);
        recent = new Recent(new[] { windowBuckets, options.LongWindowBuckets, silenceBuckets }.Max());
        var samples = (int)Math.Max(16, TimeSpan.FromDays(2) / options.BucketSize);
        scales = new[] { windowBuckets, options.LongWindowBuckets }.Distinct()
            .Select(buckets => new Scale(buckets, new Dispersion(samples, MinimumDispersion)))
            .ToArray();
        volume = new Incident(DetectionKind.VolumeSpike, options);
        negativity = new Incident(DetectionKind.NegativitySpike, options);
        silence = new Incident(DetectionKind.Silence, options);
    }

    public DetectorOptions Options => options;

    /// <summary>Current dispersion of the short window's sum (variance = mean + dispersion·mean²).</summary>
    public double CurrentDispersion => scales[0].Dispersion.Value;

    /// <summary>Whether an incident of this kind is open now.</summary>
    public bool IsOpen(DetectionKind kind) => kind switch
    {
        DetectionKind.VolumeSpike => volume.IsOpen,
        DetectionKind.NegativitySpike => negativity.IsOpen,
        DetectionKind.Silence => silence.IsOpen,
        _ => false,
    };

    /// <summary>
    /// Makes this detector an exact copy of <paramref name="other"/> (same options) without allocating, so the
    /// pipeline can try an unfinished minute on a scratch copy and still feed the real one the finished minute.
    /// </summary>
    public void CopyFrom(SpikeDetector other)
    {
        if (other.options != options) throw new ArgumentException("Only a detector with the same options can be copied.", nameof(other));
        baseline.CopyFrom(other.baseline);
        recent.CopyFrom(other.recent);
        for (var i = 0; i < scales.Length; i++) scales[i].Dispersion.CopyFrom(other.scales[i].Dispersion);
        volume.CopyFrom(other.volume);
        negativity.CopyFrom(other.negativity);
        silence.CopyFrom(other.silence);
        next = other.next;
        first = other.first;
    }

    /// <summary>Feeds one bucket: its start (UTC), the posts in it and how many of them were negative.</summary>
    public IReadOnlyList<DetectionEvent> Observe(DateTime bucketStart, double posts, double negatives = 0)
    {
        if (posts < 0 || negatives < 0 || negatives > posts + 1e-9)
            throw new ArgumentOutOfRangeException(nameof(posts), "Counts are non-negative and negatives ≤ posts.");
        if (next is { } expectedNext && bucketStart < expectedNext - options.BucketSize / 2)
            throw new ArgumentException("Buckets must arrive in time order, one per bucket.", nameof(bucketStart));

        var events = new List<DetectionEvent>();
        if (next is null) first = bucketStart;
        // Gaps are buckets with no posts: silence is exactly what a dead connector looks like.
        while (next is { } gap && bucketStart - gap >= options.BucketSize / 2)
        {
            Step(gap, 0, 0, events);
            next = gap + options.BucketSize;
        }
        Step(bucketStart, posts, negatives, events);
        next = bucketStart + options.BucketSize;
        return events;
    }

    private void Step(DateTime at, double posts, double negatives, List<DetectionEvent> events)
    {
        var rate = ExpectedRate(at);
        recent.Push(posts, negatives, rate);
        var warm = at - first >= options.WarmUp && recent.Count >= windowBuckets;
        if (warm)
        {
            Add(events, TestVolume(at, posts, rate));
            Add(events, TestNegativity(at));
            Add(events, TestSilence(at, posts, rate));
        }

        var calm = !volume.IsOpen && !negativity.IsOpen && !silence.IsOpen;
        baseline.Add(at, posts, negatives, calm);
        foreach (var scale in scales)
        {
            if (calm && recent.Count >= scale.Buckets)
                scale.Dispersion.Add(recent.Sum(scale.Buckets, Recent.Column.Posts), recent.Sum(scale.Buckets, Recent.Column.Expected), at);
        }
    }

    private double ExpectedRate(DateTime at)
    {
        if (options.Seasonality != Seasonality.None && baseline.ExpectedRate(at) is { } seasonal) return seasonal;
        // Before enough days are known (or without seasonality), the level is the median of the last day.
        return baseline.RecentLevel(at);
    }

    /// <summary>One tested window length with its own burstiness estimate.</summary>
    private sealed record Scale(int Buckets, Dispersion Dispersion);

    private static void Add(List<DetectionEvent> events, DetectionEvent? e)
    {
        if (e is not null) events.Add(e);
    }
}
