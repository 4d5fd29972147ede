namespace Earshot.Cli;

/// <summary>
/// Reads opening hours as people write them on the command line ("mon-fri=09:00-17:00", "sat=10:00-14:00") into the
/// calendar's seven entries, Monday first, "" for a closed day. The times themselves are checked where every calendar is.
/// </summary>
internal static class OpeningHours
{
    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>The seven entries, or null when nothing was given (the calendar's default hours).</summary>
    public static (IReadOnlyList<string>? Hours, string? Problem) Parse(IReadOnlyList<string> entries)
    {
        if (entries.Count == 0)
            return (null, null);
        var week = new string?[7];
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
                return (null, $"'{entry}' is not DAYS=HH:mm-HH:mm (for example mon-fri=09:00-17:00)");
            var (days, hours) = (entry[..equals].Trim().ToLowerInvariant(), entry[(equals + 1)..].Trim());
            var range = days.Split('-');
            var from = Array.IndexOf(Days, range[0]);
            var to = range.Length == 2 ? Array.IndexOf(Days, range[1]) : from;
            if (range.Length > 2 || from < 0 || to < 0)
                return (null, $"'{days}' is not a day or range of days ({string.Join(", ", Days)}; e.g. mon-fri)");
            for (var day = from; ; day = (day + 1) % 7)
            {
                if (week[day] is not null)
                    return (null, $"{Days[day]} is given twice");
                week[day] = hours;
                if (day == to)
                    break;
            }
        }
        return (week.Select(h => h ?? "").ToList(), null);
    }
}
