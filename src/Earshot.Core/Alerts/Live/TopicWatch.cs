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

    private readonly WatchOptions options;
    private readonly long bucketTicks;
    private readonly SpikeDetector detector;
    private readonly EmergingTerms terms;
    private readonly SortedDictionary<long, MinuteCounts> pending = [];
    private readonly Dictionary<DetectionKind, OpenAlert> open = [];
    private SpikeDetector? scratch;
    private long? nextFinal;
    private IReadOnlyList<string> recentTerms = [];
    private long lastNewTermMinute;

    /// <param name="scratch">
    /// A detector with the same options to try unfinished minutes on. Watches used one at a time may share one
    /// (it is overwritten on every use), which halves their memory; without it, the watch makes its own.
    /// </param>
    public TopicWatch(Guid topicId, WatchOptions options, SpikeDetector? scratch = null)
    {
        if (scratch is not null && scratch.Options != options.Detector)
            throw new ArgumentException("The scratch detector must have the watch's detector options.", nameof(scratch));
        TopicId = topicId;
        this.options = options;
        this.scratch = scratch;
        bucketTicks = options.Detector.BucketSize.Ticks;
        detector = new SpikeDetector(options.Detector);
        terms = new EmergingTerms(options.Terms);
    }

    public Guid TopicId { get; }

    public WatchOptions Options => options;

    /// <summary>The newest post time seen: with the lateness, it says which minutes are final.</summary>
    public DateTime? LatestSeen { get; private set; }

    /// <summary>Posts stamped in a minute that was already final: shown in charts, not counted by the detector.</summary>
    public long LatePosts { get; private set; }

    /// <summary>The alerts open now, as updates at <paramref name="at"/> (to reconcile with stored alerts after a restart).</summary>
    public IReadOnlyList<AlertChange> OpenAlerts(DateTime at) =>
        open.Values.Select(a => a.Change(TopicId, DetectionPhase.Updated, at, recentTerms, Unfinished(a.StartedAt))).ToList();

    public void Add(WatchedPost post)
    {
        var minute = post.CreatedAt.Ticks / bucketTicks;
        if (nextFinal is { } next && minute < next)
        {
            LatePosts++;
            return;
        }
        if (!pending.TryGetValue(minute, out var counts)) pending[minute] = counts = new MinuteCounts();
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
        var final = watermark.Ticks / bucketTicks;
        if (nextFinal is null && pending.Count > 0) nextFinal = pending.Keys.First();
        while (nextFinal is { } minute && minute < final)
        {
            pending.Remove(minute, out var counts);
            Feed(minute, counts ?? Empty, changes);
            nextFinal = minute + 1;
        }
        DropUnconfirmed(changes);
        TryUnfinished(changes);
        return changes;
    }

    private IEnumerable<MinuteCounts> Unfinished(DateTime since) =>
        pending.Where(p => StartOf(p.Key) >= since).Select(p => p.Value);

    private DateTime StartOf(long minute) => new(minute * bucketTicks, DateTimeKind.Utc);

    private void Feed(long minute, MinuteCounts counts, List<AlertChange> changes)
    {
        foreach (var alert in open.Values) alert.Count(counts);
        var events = detector.Observe(StartOf(minute), counts.Posts, counts.Negatives);
        // The scratch copy of Empty must not be handed over: EmergingTerms keeps the dictionary it is given.
        var emerging = terms.Observe(ReferenceEquals(counts, Empty) ? new(StringComparer.Ordinal) : counts.Terms, counts.Posts);
        if (emerging.Count > 0) recentTerms = emerging.Take(WatchOptions.MaxExamples).Select(t => t.Term).ToList();
        foreach (var e in events) Apply(e, [counts], changes, provisional: false);
        ApplyTerms(minute, emerging, counts, changes);
    }

    /// <summary>Runs the unfinished minutes through a copy of the detector; only openings count from there.</summary>
    private void TryUnfinished(List<AlertChange> changes)
    {
        if (pending.Count == 0) return;
        scratch ??= new SpikeDetector(options.Detector);
        scratch.CopyFrom(detector);
        foreach (var (minute, counts) in pending)
        {
            foreach (var e in scratch.Observe(StartOf(minute), counts.Posts, counts.Negatives))
            {
                if (e.Phase != DetectionPhase.Opened || open.ContainsKey(e.Kind)) continue;
                var since = pending.Where(p => p.Key >= minute).Select(p => p.Value).ToList();
                Apply(e, since, changes, provisional: true);
            }
        }
    }

    /// <summary>An alert opened on an unfinished minute that the finished minute did not bear out is closed again.</summary>
    private void DropUnconfirmed(List<AlertChange> changes)
    {
        foreach (var alert in open.Values.Where(a => a.Provisional).ToList())
        {
            if (nextFinal is not { } next || StartOf(next) <= alert.StartedAt || detector.IsOpen(alert.Kind)) continue;
            open.Remove(alert.Kind);
            changes.Add(alert.Change(TopicId, DetectionPhase.Closed, StartOf(next), recentTerms, [], "not confirmed once its minute was complete"));
        }
    }

    private void Apply(DetectionEvent e, IReadOnlyList<MinuteCounts> minutes, List<AlertChange> changes, bool provisional)
    {
        if (e.Phase == DetectionPhase.Closed)
        {
            if (open.Remove(e.Kind, out var closing))
            {
                closing.Observe(e);
                changes.Add(closing.Change(TopicId, DetectionPhase.Closed, e.At, recentTerms, []));
            }
            return;
        }
        if (!open.TryGetValue(e.Kind, out var alert))
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
            open[e.Kind] = alert;
            changes.Add(alert.Change(TopicId, DetectionPhase.Opened, e.At, recentTerms, Unfinished(alert.StartedAt)));
            return;
        }
        alert.Provisional &= provisional;
        alert.Observe(e);
        foreach (var counts in minutes) alert.TakeExamples(counts);
        changes.Add(alert.Change(TopicId, DetectionPhase.Updated, e.At, recentTerms, Unfinished(alert.StartedAt)));
    }

    private void ApplyTerms(long minute, IReadOnlyList<EmergingTerm> emerging, MinuteCounts counts, List<AlertChange> changes)
    {
        var at = StartOf(minute);
        var fresh = emerging.Where(t => t.IsNew).ToList();
        if (fresh.Count > 0)
        {
            lastNewTermMinute = minute;
            var best = fresh[0];
            var e = new DetectionEvent(DetectionKind.EmergingTerm, DetectionPhase.Opened, at, at, best.Expected, best.Posts, best.PValue, best.Posts, best.Posts, best.Expected);
            Apply(e, [counts], changes, provisional: false);
            return;
        }
        if (open.TryGetValue(DetectionKind.EmergingTerm, out var alert)
            && at - StartOf(lastNewTermMinute) >= options.Detector.CloseAfter && emerging.Count == 0)
        {
            open.Remove(DetectionKind.EmergingTerm);
            changes.Add(alert.Change(TopicId, DetectionPhase.Closed, at, recentTerms, []));
        }
    }
}
