using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Earshot.Digests;

/// <summary>
/// The digest as a plain-text e-mail in the reader's language. Plain text on purpose: post excerpts are written by
/// anyone on the internet, and text has no markup for them to smuggle in.
/// </summary>
public sealed class DigestText(IStringLocalizer<DigestStrings> strings, IOptions<DigestOptions> options)
{
    private const int ExcerptLength = 140;

    public (string Subject, string Body) Render(Digest digest, string? language)
    {
        var culture = CultureInfo.GetCultureInfo(language is { Length: > 0 } && Ui.Languages.Supported.Contains(language) ? language : "en");
        // The localizer reads the current UI culture; it is restored for whatever runs next on this thread.
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
        try
        {
            return Write(digest, culture);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formatting);
        }
    }

    private (string Subject, string Body) Write(Digest digest, CultureInfo culture)
    {
        var week = digest.Week;
        var (first, last) = (week.Monday.AddDays(-7).ToString("d", culture), week.Monday.AddDays(-1).ToString("d", culture));
        var subject = strings["Subject", first, last].Value;
        var text = new StringBuilder();
        var report = digest.Insights;
        text.AppendLine(strings["Intro", first, last, week.Zone.Id].Value).AppendLine();
        text.AppendLine(strings["Posts", N(report.Posts.Posts, culture), N(report.Posts.Negative, culture), N(report.Posts.Positive, culture),
            N(report.Posts.PreviousPosts, culture)].Value);

        Heading(text, strings["Gripes"]);
        Aspects(text, report.Gripes, culture);
        Heading(text, strings["Delights"]);
        Aspects(text, report.Delights, culture);

        Heading(text, strings["Switchers"]);
        foreach (var switcher in report.Switchers.Take(Digest.TopItems))
            text.AppendLine("- " + (switcher.Posts == 1 ? strings["SwitcherLineOne", switcher.Competitor] : strings["SwitcherLine", switcher.Competitor, N(switcher.Posts, culture)]).Value);
        None(text, report.Switchers.Count);

        Heading(text, strings["ShareOfVoice"]);
        foreach (var share in report.ShareOfVoice.Take(Digest.TopItems))
            text.AppendLine("- " + strings["ShareLine", share.Topic, share.Share.ToString("P0", culture), share.PreviousShare.ToString("P0", culture)].Value);
        None(text, report.ShareOfVoice.Count);

        Heading(text, strings["Alerts"]);
        text.AppendLine(strings["AlertCount", N(digest.AlertCount, culture)].Value);
        foreach (var alert in digest.TopAlerts)
        {
            var started = TimeZoneInfo.ConvertTimeFromUtc(alert.StartedAt, week.Zone).ToString("g", culture);
            text.AppendLine("- " + strings["AlertLine", strings["Kind." + alert.Kind].Value, alert.Topic, N(alert.Count, culture), started].Value);
        }

        Heading(text, strings["Sla"]);
        var responses = digest.Responses;
        text.AppendLine(responses.SlaMetRate is { } met
            ? strings["SlaLine", met.ToString("P0", culture), N(responses.Answered, culture), N(responses.Requests, culture), N(responses.Breaches, culture)].Value
            : strings["SlaNone"].Value);

        var site = options.Value.PublicUrl.TrimEnd('/');
        var from = report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = report.To.AddTicks(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        text.AppendLine().AppendLine(strings["Open", $"{site}/insights?period=custom&from={from}&to={to}"].Value);
        text.AppendLine(strings["OptOut", $"{site}/account/preferences"].Value);
        return (subject, text.ToString());
    }

    private void Aspects(StringBuilder text, IReadOnlyList<Insights.InsightsReport.AspectTrend> aspects, CultureInfo culture)
    {
        foreach (var aspect in aspects.Take(Digest.TopItems))
        {
            var change = aspect.New || aspect.Change is null ? strings["New"].Value
                : strings["Change", aspect.Change.Value.ToString("+0%;-0%;0%", culture)].Value;
            text.AppendLine("- " + (aspect.Posts == 1 ? strings["AspectLineOne", aspect.Aspect, change] : strings["AspectLine", aspect.Aspect, N(aspect.Posts, culture), change]).Value);
            if (aspect.Examples.FirstOrDefault() is { } example)
                text.AppendLine("  > " + Excerpt(example.Text));
        }
        None(text, aspects.Count);
    }

    private static void Heading(StringBuilder text, LocalizedString heading) =>
        text.AppendLine().AppendLine(heading.Value).AppendLine(new string('-', heading.Value.Length));

    private void None(StringBuilder text, int count)
    {
        if (count == 0)
            text.AppendLine(strings["None"].Value);
    }

    /// <summary>One line, at most <see cref="ExcerptLength"/> characters: a post cannot forge the mail's layout.</summary>
    private static string Excerpt(string post)
    {
        var line = new string(post.ReplaceLineEndings(" ").Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return line.Length > ExcerptLength ? line[..(ExcerptLength - 1)] + "…" : line;
    }

    private static string N(long value, CultureInfo culture) => value.ToString("N0", culture);
}
