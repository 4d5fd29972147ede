using System.Text.RegularExpressions;

namespace Earshot.Connectors.Email;

/// <summary>
/// The new part of an e-mail body: what follows an attribution line ("On … wrote:"), an "Original Message" divider,
/// an Outlook header block, a trailing block of `>` quotes, or a signature delimiter ("-- ") is the history, which
/// the post text leaves out (the raw payload keeps the whole body). Inline answers between quotes are kept.
/// </summary>
public static partial class EmailText
{
    public static string WithoutQuotedHistory(string body)
    {
        var lines = body.ReplaceLineEndings("\n").Split('\n');
        var cut = lines.Length;
        for (var i = 0; i < lines.Length && cut == lines.Length; i++)
        {
            if (lines[i] == "-- " || IsAttribution(lines, i) || Divider().IsMatch(lines[i]) || IsOutlookHeader(lines, i) || IsOutlookRule(lines, i) || IsTrailingQuote(lines, i))
                cut = i;
        }
        var kept = string.Join('\n', lines[..cut]).Trim();
        // A message that is all quote (a bare forward) keeps its text rather than becoming empty.
        return kept.Length > 0 ? kept : body.Trim();
    }

    private static bool IsAttribution(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (!line.StartsWith("On ", StringComparison.Ordinal) && !line.StartsWith("Am ", StringComparison.Ordinal) && !line.StartsWith("Le ", StringComparison.Ordinal))
            return false;
        // Mail clients wrap long attributions, so "wrote:" may end the next line.
        var end = i + 1 < lines.Length && !line.EndsWith(':') ? line + " " + lines[i + 1].Trim() : line;
        return Attribution().IsMatch(end);
    }

    private static bool IsOutlookHeader(string[] lines, int i) =>
        lines[i].StartsWith("From: ", StringComparison.Ordinal) && (i == 0 || lines[i - 1].Trim().Length == 0 || lines[i - 1].Trim().All(c => c == '_'))
        && lines.Skip(i + 1).Take(3).Any(l => l.StartsWith("Sent: ", StringComparison.Ordinal) || l.StartsWith("Date: ", StringComparison.Ordinal));

    // Outlook on the web draws a rule of underscores above the header block.
    private static bool IsOutlookRule(string[] lines, int i) =>
        lines[i].Trim().Length >= 10 && lines[i].Trim().All(c => c == '_') && i + 1 < lines.Length && IsOutlookHeader(lines, i + 1);

    private static bool IsTrailingQuote(string[] lines, int i) =>
        lines[i].StartsWith('>') && lines.Skip(i).All(l => l.Trim().Length == 0 || l.StartsWith('>'));

    [GeneratedRegex(@"^(On|Am|Le) .{4,300} (wrote|schrieb|a écrit)( .{0,200})?\s?:$")]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^\s*-{3,}\s*(Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine)\s*-{3,}\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Divider();
}
