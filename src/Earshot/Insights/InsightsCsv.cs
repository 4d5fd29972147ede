using System.Globalization;

namespace Earshot.Insights;

/// <summary>
/// The insight report as one CSV table, a row per figure: section, name, posts, the period before's posts, share,
/// net sentiment, change, new. Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.
/// </summary>
public static class InsightsCsv
{
    public const string Header = "section,name,posts,previous_posts,share,net_sentiment,change,new";

    public static void Write(InsightsReport report, TextWriter output)
    {
        output.WriteLine(Header);
        foreach (var point in report.Volume)
            Row(output, "volume", point.Bucket.ToString("O", CultureInfo.InvariantCulture), point.Posts);
        foreach (var share in report.ShareOfVoice)
            Row(output, "share_of_voice", share.Topic, share.Posts, share: share.Share, net: share.NetSentiment);
        foreach (var gripe in report.Gripes)
            Row(output, "gripes", gripe.Aspect, gripe.Posts, gripe.PreviousPosts, change: gripe.Change, isNew: gripe.New);
        foreach (var delight in report.Delights)
            Row(output, "delights", delight.Aspect, delight.Posts, delight.PreviousPosts, change: delight.Change, isNew: delight.New);
        foreach (var switcher in report.Switchers)
            Row(output, "switchers", switcher.Competitor, switcher.Posts);
        foreach (var person in report.Evangelists)
            Row(output, "evangelists", person.Author, person.Posts);
        foreach (var person in report.Detractors)
            Row(output, "detractors", person.Author, person.Posts);
        foreach (var topic in report.EmergingTerms)
        {
            foreach (var term in topic.Terms)
                Row(output, "emerging_terms", topic.Topic + ": " + term.Text, term.Posts, term.PreviousPosts, isNew: term.New);
        }
    }

    private static void Row(TextWriter output, string section, string name, long posts, long? previous = null,
        double? share = null, double? net = null, double? change = null, bool? isNew = null)
    {
        output.Write(section);
        output.Write(',');
        output.Write(Cell(name));
        output.Write(',');
        output.Write(string.Join(',', Number<long>(posts), Number(previous), Number(share), Number(net), Number(change),
            isNew is null ? "" : isNew.Value ? "true" : "false"));
        output.WriteLine();
    }

    private static string Number<T>(T? value) where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture) ?? "";

    /// <summary>RFC 4180 quoting, and a leading apostrophe before what a spreadsheet would evaluate (OWASP CSV injection).</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
