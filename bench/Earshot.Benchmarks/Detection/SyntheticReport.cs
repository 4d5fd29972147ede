using Earshot.Core.Alerts.Detection;
using Earshot.Core.Alerts.Detection.Evaluation;

namespace Earshot.Benchmarks.Detection;

/// <summary>Synthetic series with spikes of known start: 8 seeds × 3 traffic levels, 28 days each.</summary>
internal static class SyntheticReport
{
    public static void Run(double naiveK)
    {
        var options = NabEvaluation.SyntheticOptions;
        Console.WriteLine();
        Console.WriteLine("## synthetic: Poisson around a daily cycle (±60%), 2 h spikes ×3 every 3 days, 28 days, 8 seeds per level; product defaults (Normal sensitivity, ratio 1.5, cooldown 2 h)");
        Console.WriteLine("| mean per 5 min | detector | spikes detected | false alarms per week | median delay |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var mean in new[] { 2.0, 10.0, 100.0 })
        {
            var ours = new List<SeriesEvaluation>();
            var naive = new List<SeriesEvaluation>();
            for (var seed = 1; seed <= 8; seed++)
            {
                var start = new DateTime(2025, 1, 6, 0, 0, 0, DateTimeKind.Utc);
                var spikes = SyntheticSeries.EveryFewDays(seed, start, 28, TimeSpan.FromHours(2), 3);
                var series = SyntheticSeries.Generate(seed, start, options.BucketSize, 28, mean, 0.6, spikes);
                // A spike counts as found if an alert opens while it lasts.
                var windows = spikes.Select(s => new NabWindow(s.Start, s.Start + s.Duration)).ToList();
                ours.Add(SeriesEvaluation.Evaluate("synthetic", series.Points, windows, SeriesDetection.Run(series.Points, options)));
                naive.Add(SeriesEvaluation.Evaluate("synthetic", series.Points, windows,
                    NaiveSigmaDetector.Run(series.Points, naiveK, NabEvaluation.NaiveTrailing, options.Cooldown)));
            }
            Row(mean, "ours", ours);
            Row(mean, $"naive {naiveK}σ", naive);
        }
    }

    private static void Row(double mean, string name, List<SeriesEvaluation> rows)
    {
        var windows = rows.Sum(r => r.Windows);
        var detected = rows.Sum(r => r.Detected);
        var delays = rows.SelectMany(r => r.Delays).Order().ToList();
        var median = delays.Count == 0 ? "–" : $"{delays[delays.Count / 2].TotalMinutes:F0} min";
        Console.WriteLine($"| {mean} | {name} | {detected}/{windows} | {rows.Sum(r => r.FalseAlarms) / rows.Sum(r => r.Weeks):F2} | {median} |");
    }
}
