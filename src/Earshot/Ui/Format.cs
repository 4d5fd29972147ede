using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Earshot.Ui;

/// <summary>How pages show numbers and times: invariant numbers; times as UTC instants the reader's browser shows on their clock.</summary>
public static class Format
{
    /// <summary>The time as text, in UTC (for places a &lt;time&gt; element cannot go: attributes, messages).</summary>
    public static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The time as a &lt;time&gt; element that local-times.js shows in the user's zone and language (UTC without script).</summary>
    public static IHtmlContent Time(DateTime utc) => new HtmlString(
        $"<time datetime=\"{HtmlEncoder.Default.Encode(DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture))}\" data-local>{HtmlEncoder.Default.Encode(When(utc))}</time>");

    public static string Count(int? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "unknown";
}
