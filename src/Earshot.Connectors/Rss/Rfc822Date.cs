using System.Globalization;

namespace Earshot.Connectors.Rss;

/// <summary>
/// RSS dates are RFC 822 ("Tue, 10 Jun 2003 04:00:00 GMT", also "+0200", "EST", two-digit years, no
/// seconds, no weekday); feeds in the wild also send ISO 8601. Returns UTC.
/// </summary>
public static class Rfc822Date
{
    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = 0, ["UT"] = 0, ["UTC"] = 0, ["Z"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
    };

    private static readonly string[] Layouts = ["d MMM yyyy H:m:s", "d MMM yyyy H:m", "d MMM yy H:m:s", "d MMM yy H:m"];

    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var value = text.Trim();
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
            value = value[(comma + 1)..].Trim();
        var lastSpace = value.LastIndexOf(' ');
        if (lastSpace > 0 && TryZone(value[(lastSpace + 1)..], out var offset)
            && DateTime.TryParseExact(value[..lastSpace], Layouts, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            utc = DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
            return true;
        }
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
        {
            utc = iso.UtcDateTime;
            return true;
        }
        return false;
    }

    private static bool TryZone(string zone, out TimeSpan offset)
    {
        offset = default;
        if (ZoneHours.TryGetValue(zone, out var hours))
        {
            offset = TimeSpan.FromHours(hours);
            return true;
        }
        if (zone.Length == 5 && zone[0] is '+' or '-'
            && int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m))
        {
            offset = new TimeSpan(h, m, 0) * (zone[0] == '-' ? -1 : 1);
            return true;
        }
        return false;
    }
}
