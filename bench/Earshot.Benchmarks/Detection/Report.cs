using Earshot.Core.Alerts.Detection.Evaluation;

namespace Earshot.Benchmarks.Detection;

internal static class Report
{
    public static void Table(string title, IReadOnlyList<SeriesEvaluation> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"## {title}");
        Console.WriteLine("| series | windows detected | false alarms | per week | median delay from window start | NAB standard |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
            Console.WriteLine($"| {r.Series.Replace("Twitter_volume_", "", StringComparison.Ordinal).Replace(".csv", "", StringComparison.Ordinal)} | {r.Detected}/{r.Windows} | {r.FalseAlarms} | {r.FalseAlarmsPerWeek:F2} | {Hours(r.MedianDelay)} | {r.Nab.Normalized:F1} |");
        var windows = rows.Sum(r => r.Windows);
        var detected = rows.Sum(r => r.Detected);
        var falseAlarms = rows.Sum(r => r.FalseAlarms);
        var weeks = rows.Sum(r => r.Weeks);
        var delays = rows.SelectMany(r => r.Delays).Order().ToList();
        var median = delays.Count == 0 ? (TimeSpan?)null : delays[delays.Count / 2];
        Console.WriteLine($"| **all** | {detected}/{windows} ({100.0 * detected / windows:F0}%) | {falseAlarms} | {falseAlarms / weeks:F2} | {Hours(median)} | {NabFileScore.Normalize(rows.Select(r => r.Nab)):F1} |");
    }

    public static string Hours(TimeSpan? delay) => delay is { } d ? $"{d.TotalHours:F1} h" : "–";
}
