using System.Globalization;

namespace Earshot.Core.Posts;

/// <summary>Every time Earshot stores is UTC; sources give offsets in several formats.</summary>
public static class Timestamps
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss zzz",       // airline CSV: 2015-02-24 11:35:52 -0800
        "yyyy-MM-dd HH:mm:ss zz00",
        "ddd MMM dd HH:mm:ss zzz yyyy",  // Twitter v1.1 and TWCS: Wed Oct 11 06:55:44 +0000 2017
    ];

    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        text = text.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            || DateTimeOffset.TryParseExact(NormaliseOffset(text), Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }
        return false;
    }

    public static DateTime Utc(this TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    // "-0800" is not a form zzz accepts; make it "-08:00".
    private static string NormaliseOffset(string text)
    {
        var span = text.AsSpan();
        var plus = text.LastIndexOfAny(['+', '-']);
        if (plus > 0 && plus + 5 <= text.Length && char.IsDigit(span[plus + 1]) && span[(plus + 1)..(plus + 5)].ToString().All(char.IsDigit)
            && (plus + 5 == text.Length || text[plus + 5] == ' '))
            return string.Concat(text.AsSpan(0, plus + 3), ":", text.AsSpan(plus + 3));
        return text;
    }
}
