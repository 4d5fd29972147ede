using System.Globalization;

namespace Earshot.Insights;

/// <summary>The insight report as a terminal reads it: a few short sections, most posts first.</summary>
public static class InsightsText
{
    public static void Write(InsightsReport report, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Insights {report.From:yyyy-MM-dd HH:mm} – {report.To:yyyy-MM-dd HH:mm} UTC (by {report.Bucket})"));
        var p = report.Posts;
        output.WriteLine(string.Create(c, $"Posts: {p.Posts} ({p.Negative} negative, {p.Positive} positive); the period before: {p.PreviousPosts}"));
        Section(output, "Share of voice", report.ShareOfVoice.Select(s => string.Create(c, $"{s.Topic} ({s.Kind}): {s.Posts} posts, {s.Share:P1} (before {s.PreviousShare:P1}), net sentiment {s.NetSentiment:+0.00;-0.00;0}")));
        Section(output, "Gripes", report.Gripes.Select(a => Trend(a, c)));
        Section(output, "Delights", report.Delights.Select(a => Trend(a, c)));
        Section(output, "Switchers", report.Switchers.Select(s => string.Create(c, $"{s.Competitor}: {s.Posts}")));
        Section(output, "Evangelists", report.Evangelists.Select(a => Person(a, c)));
        Section(output, "Detractors", report.Detractors.Select(a => Person(a, c)));
        Section(output, "Emerging terms", report.EmergingTerms.Select(t => t.Topic + ": " + string.Join(", ", t.Terms.Select(x => x.New ? x.Text + " (new)" : x.Text))));
    }

    private static string Trend(InsightsReport.AspectTrend a, CultureInfo c) =>
        string.Create(c, $"{a.Aspect}: {a.Posts}") + (a.New ? " (new)" : a.Change is { } change ? string.Create(c, $" ({change:+0%;-0%;0%})") : "");

    private static string Person(InsightsReport.Person a, CultureInfo c) =>
        string.Create(c, $"{a.Author} on {a.Channel}: {a.Posts} posts ({a.Positive} positive, {a.Negative} negative), {a.Followers?.ToString(c) ?? "?"} followers");

    private static void Section(TextWriter output, string title, IEnumerable<string> lines)
    {
        output.WriteLine();
        output.WriteLine(title);
        var any = false;
        foreach (var line in lines)
        {
            output.WriteLine("  " + line);
            any = true;
        }
        if (!any)
            output.WriteLine("  (none)");
    }
}
