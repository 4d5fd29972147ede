using Earshot.Core.Alerts.Detection;

namespace Earshot.Core.Alerts.Live;

/// <summary>
/// The live detector of one topic: per-minute counts of posts, negative posts and complaints keyed on each post's
/// own time, fed to a <see cref="SpikeDetector"/> and to <see cref="EmergingTerms"/> once a minute is final, and
/// the lifecycle of the topic's alerts (one open alert per kind). A minute is final when the caller's watermark
/// passes it; the unfinished minutes are tried on a scratch copy of the detector at every call, so a spike opens
/// its alert with the post that tips it rather than a minute later. Pure: no clock, no I/O.
/// </summary>
public sealed partial class TopicWatch
{
    private static readonly MinuteCounts Empty = new();

    private readonly WatchOptions _options;
    private readonly long _bucketTicks;
    private readonly SpikeDetector _detector;
    private readonly EmergingTerms _terms;
    private readonly SortedDictionary<long, MinuteCounts> _pending = [];
    private readonly Dictionary<DetectionKind, OpenAlert> _open = [];
    private SpikeDetector? _scratch;
    private long? _nextFinal;
    private IReadOnlyList<string> _recentTerms = [];
    private long _lastNewTermMinute;

    /// <param name="scratch">
    /// A detector with the same options to try unfinished minutes on. Watches used one at a time may share one
    /// (it is overwritten on every use), which halves their memory; without it, the watch makes its own.
    /// </param>
    public TopicWatch(Guid topicId, WatchOptions options, SpikeDetector? scratch = null)
    {
        if (scratch is not null && scratch.Options != options.Detector)
            throw new ArgumentException("The scratch detector must have the watch's detector options.", nameof(scratch));
        TopicId = topicId;
        _options = options;
        _scratch = scratch;
        _bucketTicks = options.Detector.BucketSize.Ticks;
        _detector = new SpikeDetector(options.Detector);
        _terms = new EmergingTerms(options.Terms);
    }

    public Guid TopicId { get; }

    public WatchOptions Options => _options;

    /// <summary>The newest post time seen: with the lateness, it says which minutes are final.</summary>
    public DateTime? LatestSeen { get; private set; }

    /// <summary>Posts stamped in a minute that was already final: shown in charts, not counted by the detector.</summary>
    public long LatePosts { get; private set; }

    /// <summary>The alerts open now, as updates at <paramref name="at"/> (to reconcile with stored alerts after a restart).</summary>
    public IReadOnlyList<AlertChange> OpenAlerts(DateTime at) =>
        _open.Values.Select(a => a.Change(TopicId, DetectionPhase.Updated, at, _recentTerms, Unfinished(a.StartedAt))).ToList();

    public void Add(WatchedPost post)
    {
        var minute = post.CreatedAt.Ticks / _bucketTicks;
        if (_nextFinal is { } next && minute < next)
        {
            LatePosts++;
            return;
        }
        if (!_pending.TryGetValue(minute, out var counts)) _pending[minute] = counts = new MinuteCounts();
        counts.Add(post);
        if (LatestSeen is null || post.CreatedAt > LatestSeen) LatestSeen = post.CreatedAt;
    }

    /// <summary>
    /// Feeds every minute that ended before <paramref name="watermark"/> (empty ones too: silence is news) to the
    /// detector, then tries the unfinished ones; returns what happened to the topic's alerts.
    /// </summary>
    public IReadOnlyList<AlertChange> Advance(DateTime watermark)
    {
        var changes = new List<AlertChange>();
        var final = watermark.Ticks / _bucketTicks;
        if (_nextFinal is null && _pending.Count > 0) _nextFinal = _pending.Keys.First();
        while (_nextFinal is { } minute && minute < final)
        {
            _pending.Remove(minute, out var counts);
            Feed(minute, counts ?? Empty, changes);
            _nextFinal = minute + 1;
        }
        DropUnconfirmed(changes);
        TryUnfinished(changes);
        return changes;
    }

    private IEnumerable<MinuteCounts> Unfinished(DateTime since) =>
        _pending.Where(p => StartOf(p.Key) >= since).Select(p => p.Value);

    private DateTime StartOf(long minute) => new(minute * _bucketTicks, DateTimeKind.Utc);

    private void Feed(long minute, MinuteCounts counts, List<AlertChange> changes)
    {
        foreach (var alert in _open.Values) alert.Count(counts);
        var events = _detector.Observe(StartOf(minute), counts.Posts, counts.Negatives);
        // The scratch copy of Empty must not be handed over: EmergingTerms keeps the dictionary it is given.
        var emerging = _terms.Observe(ReferenceEquals(counts, Empty) ? new(StringComparer.Ordinal) : counts.Terms, counts.Posts);
        if (emerging.Count > 0) _recentTerms = emerging.Take(WatchOptions.MaxExamples).Select(t => t.Term).ToList();
        foreach (var e in events) Apply(e, [counts], changes, provisional: false);
        ApplyTerms(minute, emerging, counts, changes);
    }

    /// <summary>Runs the unfinished minutes through a copy of the detector; only openings count from there.</summary>
    private void TryUnfinished(List<AlertChange> changes)
    {
        if (_pending.Count == 0) return;
        _scratch ??= new SpikeDetector(_options.Detector);
        _scratch.CopyFrom(_detector);
        foreach (var (minute, counts) in _pending)
        {
            foreach (var e in _scratch.Observe(StartOf(minute), counts.Posts, counts.Negatives))
            {
                if (e.Phase != DetectionPhase.Opened || _open.ContainsKey(e.Kind)) continue;
                var since = _pending.Where(p => p.Key >= minute).Select(p => p.Value).ToList();
                Apply(e, since, changes, provisional: true);
            }
        }
    }

    /// <summary>An alert opened on an unfinished minute that the finished minute did not bear out is closed again.</summary>
    private void DropUnconfirmed(List<AlertChange> changes)
    {
        foreach (var alert in _open.Values.Where(a => a.Provisional).ToList())
        {
            if (_nextFinal is not { } next || StartOf(next) <= alert.StartedAt || _detector.IsOpen(alert.Kind)) continue;
            _open.Remove(alert.Kind);
            changes.Add(alert.Change(TopicId, DetectionPhase.Closed, StartOf(next), _recentTerms, [], "not confirmed once its minute was complete"));
        }
    }

    private void Apply(DetectionEvent e, IReadOnlyList<MinuteCounts> minutes, List<AlertChange> changes, bool provisional)
    {
        if (e.Phase == DetectionPhase.Closed)
        {
            if (_open.Remove(e.Kind, out var closing))
            {
                closing.Observe(e);
                changes.Add(closing.Change(TopicId, DetectionPhase.Closed, e.At, _recentTerms, []));
            }
            return;
        }
        if (!_open.TryGetValue(e.Kind, out var alert))
        {
            // Opened, or an update of an incident this process never saw open (it started before a restart).
            alert = new OpenAlert(e.Kind, e.OpenedAt, provisional);
            // A final minute is counted here; unfinished ones are added to what is reported until they are final.
            foreach (var counts in minutes)
            {
                if (provisional) alert.TakeExamples(counts);
                else alert.Count(counts);
            }
            alert.Observe(e);
            _open[e.Kind] = alert;
            changes.Add(alert.Change(TopicId, DetectionPhase.Opened, e.At, _recentTerms, Unfinished(alert.StartedAt)));
            return;
        }
        alert.Provisional &= provisional;
        alert.Observe(e);
        foreach (var counts in minutes) alert.TakeExamples(counts);
        changes.Add(alert.Change(TopicId, DetectionPhase.Updated, e.At, _recentTerms, Unfinished(alert.StartedAt)));
    }

    private void ApplyTerms(long minute, IReadOnlyList<EmergingTerm> emerging, MinuteCounts counts, List<AlertChange> changes)
    {
        var at = StartOf(minute);
        var fresh = emerging.Where(t => t.IsNew).ToList();
        if (fresh.Count > 0)
        {
            _lastNewTermMinute = minute;
            var best = fresh[0];
            var e = new DetectionEvent(DetectionKind.EmergingTerm, DetectionPhase.Opened, at, at, best.Expected, best.Posts, best.PValue, best.Posts, best.Posts, best.Expected);
            Apply(e, [counts], changes, provisional: false);
            return;
        }
        if (_open.TryGetValue(DetectionKind.EmergingTerm, out var alert)
            && at - StartOf(_lastNewTermMinute) >= _options.Detector.CloseAfter && emerging.Count == 0)
        {
            _open.Remove(DetectionKind.EmergingTerm);
            changes.Add(alert.Change(TopicId, DetectionPhase.Closed, at, _recentTerms, []));
        }
    }
}
