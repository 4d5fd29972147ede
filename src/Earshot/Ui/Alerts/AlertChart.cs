using System.Globalization;
using System.Text;
using Earshot.Alerts;

namespace Earshot.Ui.Alerts;

/// <summary>
/// The numbers of a small inline SVG chart of an alert's topic, per minute: a polyline of all posts, one of negative
/// posts, and the shaded span of the alert. Only numbers leave here, so the markup carries no post text. The minutes
/// with posts are also kept for the chart's table view.
/// </summary>
public sealed record AlertChart(string Posts, string Negative, double SpanX, double SpanWidth, int Max)
{
    /// <summary>The minutes that had posts, and whether each lies within the alert.</summary>
    public IReadOnlyList<(MinutePoint Point, bool DuringAlert)> Minutes { get; init; } = [];

    public const int Width = 600;
    public const int Height = 120;

    public static AlertChart? Of(IReadOnlyList<MinutePoint> series, DateTime startedAt, DateTime? closedAt)
    {
        if (series.Count < 2)
            return null;
        var max = Math.Max(1, series.Max(p => p.Posts));
        double X(int i) => Math.Round(i * (double)Width / (series.Count - 1), 1);
        double Y(int value) => Math.Round(Height - value * (Height - 4.0) / max, 1);
        string Line(Func<MinutePoint, int> value)
        {
            var points = new StringBuilder();
            for (var i = 0; i < series.Count; i++)
                points.Append(CultureInfo.InvariantCulture, $"{X(i)},{Y(value(series[i]))} ");
            return points.ToString().TrimEnd();
        }
        var first = series[0].Minute;
        int Index(DateTime time) => (int)Math.Clamp((time - first).TotalMinutes, 0, series.Count - 1);
        var from = X(Index(startedAt));
        var to = X(Index(closedAt ?? series[^1].Minute));
        var (begin, end) = (startedAt.AddTicks(-(startedAt.Ticks % TimeSpan.TicksPerMinute)), closedAt ?? DateTime.MaxValue);
        return new AlertChart(Line(p => p.Posts), Line(p => p.Negative), from, Math.Max(2, to - from), max)
        {
            Minutes = [.. series.Where(p => p.Posts > 0).Select(p => (p, p.Minute >= begin && p.Minute <= end))],
        };
    }
}
