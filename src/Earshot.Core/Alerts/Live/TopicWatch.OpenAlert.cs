using Earshot.Core.Alerts.Detection;

namespace Earshot.Core.Alerts.Live;

public sealed partial class TopicWatch
{
    /// <summary>What this watch knows of one open alert: its counts since it started, its examples, its last test.</summary>
    private sealed class OpenAlert(DetectionKind kind, DateTime startedAt, bool provisional)
    {
        private readonly List<AlertExample> examples = [];
        private int count;
        private double peak;
        private DetectionEvent? last;

        public DetectionKind Kind => kind;
        public DateTime StartedAt => startedAt;
        public bool Provisional { get; set; } = provisional;

        /// <summary>Adds a minute to the alert's count (negative posts for a negativity spike, posts otherwise).</summary>
        public void Count(MinuteCounts minute)
        {
            var measure = Measure(kind, minute);
            count += measure;
            peak = Math.Max(peak, measure);
            TakeExamples(minute);
        }

        public void TakeExamples(MinuteCounts minute)
        {
            foreach (var example in minute.Examples)
            {
                if (examples.Count >= WatchOptions.MaxExamples) break;
                if (kind == DetectionKind.NegativitySpike && !example.Negative) continue;
                if (examples.All(e => e.PostId != example.PostId)) examples.Add(example);
            }
        }

        public void Observe(DetectionEvent e) => last = e;

        public static int Measure(DetectionKind kind, MinuteCounts minute) =>
            kind == DetectionKind.NegativitySpike ? minute.Negatives : minute.Posts;

        /// <summary>The alert as it stands: final minutes plus the unfinished ones since it started.</summary>
        public AlertChange Change(
            Guid topicId, DetectionPhase phase, DateTime at, IReadOnlyList<string> terms, IEnumerable<MinuteCounts> unfinished, string? reason = null) => new(
            topicId, kind, phase, startedAt, at, count + unfinished.Sum(m => Measure(kind, m)),
            Math.Max(peak, unfinished.Select(m => (double)Measure(kind, m)).DefaultIfEmpty(0).Max()),
            last?.Expected ?? 0, last?.Observed ?? 0, last is null ? 0 : Math.Round(Math.Min(last.Score, 99), 2),
            terms, examples.ToList(), Provisional, reason);
    }
}
