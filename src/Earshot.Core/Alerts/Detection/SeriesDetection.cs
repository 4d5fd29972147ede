using System.Globalization;

namespace Earshot.Core.Alerts.Detection;

/// <summary>
/// The detector over a whole count series, as `earshot detect SERIES.csv` runs it: the same
/// <see cref="SpikeDetector"/> the pipeline uses, fed point by point.
/// </summary>
public static class SeriesDetection
{
    /// <summary>The times at which a volume-spike alert would have opened.</summary>
    public static IReadOnlyList<DateTime> Run(IEnumerable<(DateTime time, double value)> series, DetectorOptions options) =>
        RunEvents(series, options)
            .Where(e => e is { Kind: DetectionKind.VolumeSpike, Phase: DetectionPhase.Opened })
            .Select(e => e.At)
            .ToList();

    /// <summary>Every event (all kinds, all phases) the series causes, in order.</summary>
    public static IReadOnlyList<DetectionEvent> RunEvents(IEnumerable<(DateTime time, double value)> series, DetectorOptions options)
    {
        var detector = new SpikeDetector(options);
        var events = new List<DetectionEvent>();
        foreach (var (time, value) in series) events.AddRange(detector.Observe(time, value));
        return events;
    }

    /// <summary>
    /// Reads NAB's `timestamp,value` CSV (a header line, times as `2015-02-26 21:42:53` or ISO 8601, taken as
    /// UTC). Blank lines are skipped; anything else malformed throws with its line number.
    /// </summary>
    public static IReadOnlyList<(DateTime time, double value)> ParseCsv(TextReader reader)
    {
        var points = new List<(DateTime, double)>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (lineNumber == 1 && line.StartsWith("timestamp", StringComparison.OrdinalIgnoreCase)) continue;
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0
                || !TryParseTime(line[..comma].Trim(), out var time)
                || !double.TryParse(line[(comma + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new FormatException($"Line {lineNumber}: expected `timestamp,value`, got `{line}`.");
            points.Add((time, value));
        }
        return points;
    }

    /// <summary>Parses a UTC time as NAB writes it (optionally with fractional seconds) or as ISO 8601.</summary>
    public static bool TryParseTime(string text, out DateTime time) =>
        DateTime.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time);

    /// <summary>The `--json` shape: {"detections": ["2015-03-01T12:05:00Z", …]}.</summary>
    public static string ToJson(IEnumerable<DateTime> detections) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, IEnumerable<string>>
        {
            ["detections"] = detections.Select(FormatTime),
        });

    public static string FormatTime(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
