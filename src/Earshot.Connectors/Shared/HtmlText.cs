using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Earshot.Connectors.Shared;

/// <summary>
/// Turns the small HTML that networks put in post bodies (Mastodon content, feed summaries) into plain text
/// that an agent and a topic matcher can read: paragraphs and line breaks kept, entities decoded, mentions
/// and hashtags left as "@user" / "#tag", and a link whose text hides its target shown as "text (url)".
/// Not a general HTML parser: unknown tags are dropped, script and style content skipped.
/// </summary>
public static partial class HtmlText
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr", "section", "article", "header", "footer",
    };

    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
            return "";
        var output = new StringBuilder(html.Length);
        string? href = null;
        var anchorStart = 0;
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            var textEnd = lt < 0 ? html.Length : lt;
            if (textEnd > i)
                AppendText(output, html.AsSpan(i, textEnd - i));
            if (lt < 0)
                break;
            if (lt + 1 >= html.Length || !(char.IsAsciiLetter(html[lt + 1]) || html[lt + 1] is '/' or '!'))
            {
                AppendText(output, "<");
                i = lt + 1;
                continue;
            }
            if (html.AsSpan(lt).StartsWith("<!--", StringComparison.Ordinal))
            {
                var close = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                i = close < 0 ? html.Length : close + 3;
                continue;
            }
            var gt = html.IndexOf('>', lt);
            if (gt < 0)
            {
                AppendText(output, html.AsSpan(lt));
                break;
            }
            var tag = html.AsSpan(lt + 1, gt - lt - 1);
            var closing = tag.StartsWith("/");
            var name = TagName(closing ? tag[1..] : tag);
            i = gt + 1;

            if (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase))
            {
                if (!closing)
                {
                    var end = html.IndexOf(string.Concat("</", name), i, StringComparison.OrdinalIgnoreCase);
                    i = end < 0 ? html.Length : end;
                }
                continue;
            }
            if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                TrimTrailingSpace(output);
                output.Append('\n');
            }
            else if (BlockTags.Contains(name.ToString()))
            {
                Break(output, name.Equals("li", StringComparison.OrdinalIgnoreCase) ? "\n" : "\n\n");
            }
            else if (name.Equals("a", StringComparison.OrdinalIgnoreCase))
            {
                if (!closing)
                {
                    var match = HrefPattern().Match(tag.ToString());
                    href = match.Success ? WebUtility.HtmlDecode(match.Groups["v"].Value.Trim('"', '\'')) : null;
                    anchorStart = output.Length;
                }
                else if (href is not null)
                {
                    FinishLink(output, anchorStart, href);
                    href = null;
                }
            }
        }
        return Tidy(output.ToString());
    }

    private static void FinishLink(StringBuilder output, int anchorStart, string href)
    {
        var text = output.ToString(anchorStart, output.Length - anchorStart).Trim();
        output.Length = anchorStart;
        output.Append(ReadableLink(text, href));
    }

    /// <summary>
    /// What to show for a link: mentions and hashtags as written, a shortened URL ("example.com/a/…") as the
    /// full target, text that hides its target as "text (url)".
    /// </summary>
    public static string ReadableLink(string text, string href)
    {
        if (text.Length == 0)
            return href;
        if (text[0] is '@' or '#')
            return text;
        var shortened = text.TrimEnd('…', '.');
        if (text.Length != shortened.Length && href.Contains(StripScheme(shortened), StringComparison.OrdinalIgnoreCase))
            return href;
        if (StripScheme(text).TrimEnd('/').Equals(StripScheme(href).TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            return text;
        return $"{text} ({href})";
    }

    private static string StripScheme(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var rest = scheme >= 0 ? url[(scheme + 3)..] : url;
        return rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? rest[4..] : rest;
    }

    private static ReadOnlySpan<char> TagName(ReadOnlySpan<char> tag)
    {
        var end = 0;
        while (end < tag.Length && (char.IsAsciiLetterOrDigit(tag[end]) || tag[end] == '-'))
            end++;
        return tag[..end];
    }

    private static void AppendText(StringBuilder output, ReadOnlySpan<char> raw)
    {
        var decoded = WebUtility.HtmlDecode(raw.ToString());
        foreach (var c in decoded)
        {
            if (c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                if (output.Length > 0 && output[^1] is not (' ' or '\n'))
                    output.Append(' ');
            }
            else
            {
                output.Append(c == '\u00A0' ? ' ' : c);
            }
        }
    }

    private static void Break(StringBuilder output, string separator)
    {
        TrimTrailingSpace(output);
        if (output.Length == 0)
            return;
        var have = 0;
        while (have < output.Length && have < separator.Length && output[output.Length - 1 - have] == '\n')
            have++;
        output.Append('\n', separator.Length - have);
    }

    private static void TrimTrailingSpace(StringBuilder output)
    {
        while (output.Length > 0 && output[^1] == ' ')
            output.Length--;
    }

    private static string Tidy(string text) => ExtraBlankLines().Replace(SpaceAroundNewline().Replace(text, "\n"), "\n\n").Trim();

    [GeneratedRegex("""href\s*=\s*(?<v>"[^"]*"|'[^']*'|[^\s>]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HrefPattern();

    [GeneratedRegex(@"[ \t]*\n[ \t]*", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceAroundNewline();

    [GeneratedRegex(@"\n{3,}", RegexOptions.CultureInvariant)]
    private static partial Regex ExtraBlankLines();
}
