namespace Earshot.Core.Alerts.Detection.Evaluation;

/// <summary>
/// The comparison baseline: fire when a point exceeds mean + k·σ of the trailing window, then stay quiet for
/// the cooldown (so it is judged on incidents, like ours). No seasonality, no count model.
/// </summary>
public static class NaiveSigmaDetector
{
    public static IReadOnlyList<DateTime> Run(
        IReadOnlyList<(DateTime time, double value)> series, double k, TimeSpan trailing, TimeSpan cooldown)
    {
        var detections = new List<DateTime>();
        var window = new Queue<(DateTime time, double value)>();
        double sum = 0, sumSquares = 0;
        var quietUntil = DateTime.MinValue;
        foreach (var (time, value) in series)
        {
            while (window.Count > 0 && time - window.Peek().time > trailing)
            {
                var old = window.Dequeue().value;
                sum -= old;
                sumSquares -= old * old;
            }
            if (window.Count >= 12 && time >= quietUntil)
            {
                var mean = sum / window.Count;
                var sigma = Math.Sqrt(Math.Max(0, sumSquares / window.Count - mean * mean));
                if (value > mean + k * sigma)
                {
                    detections.Add(time);
                    quietUntil = time + cooldown;
                }
            }
            window.Enqueue((time, value));
            sum += value;
            sumSquares += value * value;
        }
        return detections;
    }
}
