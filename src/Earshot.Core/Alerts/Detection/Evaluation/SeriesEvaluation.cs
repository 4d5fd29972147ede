namespace Earshot.Core.Alerts.Detection.Evaluation;

/// <summary>
/// One detector on one labelled series. False alarms are detections outside every window over the whole file
/// (stricter than NAB, which ignores its probationary start); delays are from each window's start to its first
/// detection.
/// </summary>
public sealed record SeriesEvaluation(
    string Series, int Windows, int Detected, int FalseAlarms, double Weeks, IReadOnlyList<TimeSpan> Delays, NabFileScore Nab)
{
    public double FalseAlarmsPerWeek => Weeks > 0 ? FalseAlarms / Weeks : 0;

    public double DetectedShare => Windows > 0 ? (double)Detected / Windows : 1;

    public TimeSpan? MedianDelay => Delays.Count == 0 ? null : Delays.Order().ElementAt(Delays.Count / 2);

    public static SeriesEvaluation Evaluate(
        string series, IReadOnlyList<(DateTime time, double value)> points, IReadOnlyList<NabWindow> windows,
        IReadOnlyList<DateTime> detections)
    {
        var timestamps = points.Select(p => p.time).ToList();
        var nab = NabScorer.Score(timestamps, windows, detections);
        var ordered = windows.OrderBy(w => w.Start).ToList();
        var falseAlarms = detections.Count(d => !ordered.Any(w => d >= w.Start && d <= w.End));
        var delays = new List<TimeSpan>();
        var detected = 0;
        foreach (var window in ordered)
        {
            var hit = detections.Where(d => d >= window.Start && d <= window.End).Order().FirstOrDefault();
            if (hit == default) continue;
            detected++;
            delays.Add(hit - window.Start);
        }
        var weeks = points.Count < 2 ? 0 : (timestamps[^1] - timestamps[0]).TotalDays / 7;
        return new SeriesEvaluation(series, ordered.Count, detected, falseAlarms, weeks, delays, nab);
    }
}
