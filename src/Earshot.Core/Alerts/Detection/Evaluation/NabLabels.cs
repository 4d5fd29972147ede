using System.Text.Json;

namespace Earshot.Core.Alerts.Detection.Evaluation;

/// <summary>Reads NAB's label file: {"file.csv": [["start", "end"], …], …} with times like `2015-03-03 04:37:53.000000`.</summary>
public static class NabLabels
{
    public static IReadOnlyDictionary<string, IReadOnlyList<NabWindow>> Parse(TextReader reader)
    {
        var raw = JsonSerializer.Deserialize<Dictionary<string, List<List<string>>>>(reader.ReadToEnd())
            ?? throw new FormatException("The label file is empty.");
        var labels = new Dictionary<string, IReadOnlyList<NabWindow>>(StringComparer.Ordinal);
        foreach (var (file, windows) in raw)
        {
            labels[file] = windows.Select(pair => pair is [var start, var end]
                    ? new NabWindow(Time(start), Time(end))
                    : throw new FormatException($"{file}: a window is a [start, end] pair."))
                .ToList();
        }
        return labels;
    }

    private static DateTime Time(string text) =>
        SeriesDetection.TryParseTime(text, out var time) ? time : throw new FormatException($"Not a time: `{text}`.");
}
