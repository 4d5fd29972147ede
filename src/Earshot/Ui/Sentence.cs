using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace Earshot.Ui;

/// <summary>
/// A translated sentence with markup in it (a link, a command, an input): translators move the {n} places, the
/// sentence's words are encoded, and each part is a Razor template (<c>@&lt;a href="…"&gt;…&lt;/a&gt;</c>) that encodes its own values.
/// </summary>
public static class Sentence
{
    /// <summary>A plain-text part (encoded), for sentences that mix text values with markup.</summary>
    public static Func<object?, IHtmlContent> Text(string text) => _ => new HtmlContentBuilder().Append(text);

    /// <summary>A time part: a &lt;time&gt; element shown on the reader's clock.</summary>
    public static Func<object?, IHtmlContent> Time(DateTime utc) => _ => Format.Time(utc);

    public static IHtmlContent With(string sentence, params Func<object?, IHtmlContent>[] parts)
    {
        var html = new HtmlContentBuilder();
        var at = 0;
        while (sentence.IndexOf('{', at) is var open and >= 0 && sentence.IndexOf('}', open) is var close and > 0)
        {
            html.Append(sentence[at..open]);
            html.AppendHtml(parts[int.Parse(sentence.AsSpan(open + 1, close - open - 1), CultureInfo.InvariantCulture)](null));
            at = close + 1;
        }
        html.Append(sentence[at..]);
        return html;
    }
}
