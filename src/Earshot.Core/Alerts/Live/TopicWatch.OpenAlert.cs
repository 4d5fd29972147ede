using Earshot.Core.Alerts.Detection;

namespace Earshot.Core.Alerts.Live;

public sealed partial class TopicWatch
{
    /// <summary>What this watch knows of one open alert: its counts since it started, its examples, its last test.</summary>
    private sealed class OpenAlert(DetectionKind kind, DateTime startedAt, bool provisional)
    {
        private readonly List<AlertExample> _examples = [];
        private int _count;
        private double _peak;
        private DetectionEvent? _last;

        public DetectionKind Kind => kind;
        public DateTime StartedAt => startedAt;
        public bool Provisional { get; set; } = provisional;

        /// <summary>Adds a minute to the alert's count (negative posts for a negativity spike, posts otherwise).</summary>
        public void Count(MinuteCounts minute)
        {
            var measure = Measure(kind, minute);
            _count += measure;
            _peak = Math.Max(_peak, measure);
            TakeExamples(minute);
        }

        public void TakeExamples(MinuteCounts minute)
        {
            foreach (var example in minute.Examples)
            {
                if (_examples.Count >= WatchOptions.MaxExamples) break;
                if (kind == DetectionKind.NegativitySpike && !example.Negative) continue;
                if (_examples.All(e => e.PostId != example.PostId)) _examples.Add(example);
            }
        }

        public void Observe(DetectionEvent e) => _last = e;

        public static int Measure(DetectionKind kind, MinuteCounts minute) =>
            kind == DetectionKind.NegativitySpike ? minute.Negatives : minute.Posts;

        /// <summary>The alert as it stands: final minutes plus the unfinished ones since it started.</summary>
        public AlertChange Change(
            Guid topicId, DetectionPhase phase, DateTime at, IReadOnlyList<string> terms, IEnumerable<MinuteCounts> unfinished, string? reason = null) => new(
            topicId, kind, phase, startedAt, at, _count + unfinished.Sum(m => Measure(kind, m)),
            Math.Max(_peak, unfinished.Select(m => (double)Measure(kind, m)).DefaultIfEmpty(0).Max()),
            _last?.Expected ?? 0, _last?.Observed ?? 0, _last is null ? 0 : Math.Round(Math.Min(_last.Score, 99), 2),
            terms, _examples.ToList(), Provisional, reason);
    }
}
