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

    private readonly DetectorOptions _options;
    private readonly SeasonalBaseline _baseline;
    private readonly Recent _recent;
    private readonly Scale[] _scales;
    private readonly Incident _volume;
    private readonly Incident _negativity;
    private readonly Incident _silence;
    private readonly int _windowBuckets;
    private readonly int _silenceBuckets;
    private DateTime? _next;
    private DateTime _first;

    public SpikeDetector(DetectorOptions options)
    {
        options.Validate();
        _options = options;
        _windowBuckets = options.WindowBuckets;
        _silenceBuckets = Math.Max(1, (int)Math.Round(options.Silence.Window / options.BucketSize));
        _baseline = new SeasonalBaseline(options);
        _recent = new Recent(new[] { _windowBuckets, options.LongWindowBuckets, _silenceBuckets }.Max());
        var samples = (int)Math.Max(16, TimeSpan.FromDays(2) / options.BucketSize);
        _scales = new[] { _windowBuckets, options.LongWindowBuckets }.Distinct()
            .Select(buckets => new Scale(buckets, new Dispersion(samples, MinimumDispersion)))
            .ToArray();
        _volume = new Incident(DetectionKind.VolumeSpike, options);
        _negativity = new Incident(DetectionKind.NegativitySpike, options);
        _silence = new Incident(DetectionKind.Silence, options);
    }

    public DetectorOptions Options => _options;

    /// <summary>Current dispersion of the short window's sum (variance = mean + dispersion·mean²).</summary>
    public double CurrentDispersion => _scales[0].Dispersion.Value;

    /// <summary>Whether an incident of this kind is open now.</summary>
    public bool IsOpen(DetectionKind kind) => kind switch
    {
        DetectionKind.VolumeSpike => _volume.IsOpen,
        DetectionKind.NegativitySpike => _negativity.IsOpen,
        DetectionKind.Silence => _silence.IsOpen,
        _ => false,
    };

    /// <summary>
    /// Makes this detector an exact copy of <paramref name="other"/> (same options) without allocating, so the
    /// pipeline can try an unfinished minute on a scratch copy and still feed the real one the finished minute.
    /// </summary>
    public void CopyFrom(SpikeDetector other)
    {
        if (other._options != _options) throw new ArgumentException("Only a detector with the same options can be copied.", nameof(other));
        _baseline.CopyFrom(other._baseline);
        _recent.CopyFrom(other._recent);
        for (var i = 0; i < _scales.Length; i++) _scales[i].Dispersion.CopyFrom(other._scales[i].Dispersion);
        _volume.CopyFrom(other._volume);
        _negativity.CopyFrom(other._negativity);
        _silence.CopyFrom(other._silence);
        _next = other._next;
        _first = other._first;
    }

    /// <summary>Feeds one bucket: its start (UTC), the posts in it and how many of them were negative.</summary>
    public IReadOnlyList<DetectionEvent> Observe(DateTime bucketStart, double posts, double negatives = 0)
    {
        if (posts < 0 || negatives < 0 || negatives > posts + 1e-9)
            throw new ArgumentOutOfRangeException(nameof(posts), "Counts are non-negative and negatives ≤ posts.");
        if (_next is { } expectedNext && bucketStart < expectedNext - _options.BucketSize / 2)
            throw new ArgumentException("Buckets must arrive in time order, one per bucket.", nameof(bucketStart));

        var events = new List<DetectionEvent>();
        if (_next is null) _first = bucketStart;
        // Gaps are buckets with no posts: silence is exactly what a dead connector looks like.
        while (_next is { } gap && bucketStart - gap >= _options.BucketSize / 2)
        {
            Step(gap, 0, 0, events);
            _next = gap + _options.BucketSize;
        }
        Step(bucketStart, posts, negatives, events);
        _next = bucketStart + _options.BucketSize;
        return events;
    }

    private void Step(DateTime at, double posts, double negatives, List<DetectionEvent> events)
    {
        var rate = ExpectedRate(at);
        _recent.Push(posts, negatives, rate);
        var warm = at - _first >= _options.WarmUp && _recent.Count >= _windowBuckets;
        if (warm)
        {
            Add(events, TestVolume(at, posts, rate));
            Add(events, TestNegativity(at));
            Add(events, TestSilence(at, posts, rate));
        }

        var calm = !_volume.IsOpen && !_negativity.IsOpen && !_silence.IsOpen;
        _baseline.Add(at, posts, negatives, calm);
        foreach (var scale in _scales)
        {
            if (calm && _recent.Count >= scale.Buckets)
                scale.Dispersion.Add(_recent.Sum(scale.Buckets, Recent.Column.Posts), _recent.Sum(scale.Buckets, Recent.Column.Expected), at);
        }
    }

    private double ExpectedRate(DateTime at)
    {
        if (_options.Seasonality != Seasonality.None && _baseline.ExpectedRate(at) is { } seasonal) return seasonal;
        // Before enough days are known (or without seasonality), the level is the median of the last day.
        return _baseline.RecentLevel(at);
    }

    /// <summary>One tested window length with its own burstiness estimate.</summary>
    private sealed record Scale(int Buckets, Dispersion Dispersion);

    private static void Add(List<DetectionEvent> events, DetectionEvent? e)
    {
        if (e is not null) events.Add(e);
    }
}
