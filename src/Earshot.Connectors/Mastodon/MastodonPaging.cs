using System.Globalization;
using Earshot.Connectors.Shared;

namespace Earshot.Connectors.Mastodon;

/// <summary>Where the Link header says to go next. MaxId walks older; MinId pages forward (catch-up after a reconnect).</summary>
public sealed record MastodonPage(Uri? Next, Uri? Prev, string? MaxId, string? MinId);

public static class MastodonPaging
{
    /// <summary>Parses an RFC 8288 Link header such as <c>&lt;…?max_id=1&gt;; rel="next", &lt;…?min_id=2&gt;; rel="prev"</c>.</summary>
    public static MastodonPage ParseLink(string? linkHeader)
    {
        Uri? next = null, prev = null;
        foreach (var (target, rels) in LinkValues(linkHeader ?? ""))
        {
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri))
                continue;
            if (rels.Contains("next", StringComparer.OrdinalIgnoreCase))
                next ??= uri;
            if (rels.Contains("prev", StringComparer.OrdinalIgnoreCase) || rels.Contains("previous", StringComparer.OrdinalIgnoreCase))
                prev ??= uri;
        }
        return new MastodonPage(next, prev, QueryValue(next, "max_id"), QueryValue(prev, "min_id"));
    }

    /// <summary>X-RateLimit-* with an ISO-8601 reset timestamp (not epoch seconds).</summary>
    public static RateLimit ParseRateLimit(HeaderBag headers) => new(
        long.TryParse(headers["X-RateLimit-Limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) ? limit : null,
        double.TryParse(headers["X-RateLimit-Remaining"], NumberStyles.Float, CultureInfo.InvariantCulture, out var remaining) ? remaining : null,
        DateTimeOffset.TryParse(headers["X-RateLimit-Reset"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var reset) ? reset : null);

    private static IEnumerable<(string Target, string[] Rels)> LinkValues(string header)
    {
        var i = 0;
        while (true)
        {
            var open = header.IndexOf('<', i);
            if (open < 0)
                yield break;
            var close = header.IndexOf('>', open);
            if (close < 0)
                yield break;
            var target = header[(open + 1)..close];
            var nextOpen = header.IndexOf('<', close);
            var parameters = nextOpen < 0 ? header[(close + 1)..] : header[(close + 1)..nextOpen];
            string[] rels = [];
            foreach (var part in parameters.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && part[..eq].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
                    rels = part[(eq + 1)..].Trim().TrimEnd(',').Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
            yield return (target, rels);
            if (nextOpen < 0)
                yield break;
            i = nextOpen;
        }
    }

    private static string? QueryValue(Uri? uri, string name)
    {
        if (uri is null)
            return null;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && Uri.UnescapeDataString(pair[..eq]) == name)
                return Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return null;
    }
}
