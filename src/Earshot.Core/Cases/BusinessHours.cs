using Earshot.Core.Wording;
using System.Globalization;

namespace Earshot.Core.Cases;

/// <summary>
/// Counts SLA time inside a calendar's opening hours. Works a day at a time in the calendar's own zone, so
/// daylight-saving changes and holidays fall out of the day boundaries.
/// </summary>
public sealed class BusinessHours
{
    private readonly TimeZoneInfo _zone;
    private readonly (TimeSpan Open, TimeSpan Close)?[] _week = new (TimeSpan, TimeSpan)?[7];
    private readonly HashSet<DateOnly> _holidays = [];

    /// <summary>Round the clock: every minute counts.</summary>
    public static readonly BusinessHours AllHours = new();

    private BusinessHours()
    {
        _zone = TimeZoneInfo.Utc;
        for (var day = 0; day < 7; day++)
            _week[day] = (TimeSpan.Zero, TimeSpan.FromDays(1));
    }

    public BusinessHours(BusinessCalendar calendar)
    {
        _zone = TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZone);
        for (var day = 0; day < 7 && day < calendar.Hours.Count; day++)
            _week[day] = ParseHours(calendar.Hours[day]);
        foreach (var holiday in calendar.Holidays)
            _holidays.Add(DateOnly.ParseExact(holiday, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>Checks a calendar's settings; returns the problems by field.</summary>
    public static Dictionary<string, Phrase[]> Validate(BusinessCalendar calendar)
    {
        var errors = new Dictionary<string, Phrase[]>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(calendar.TimeZone, out _))
            errors["time_zone"] = [new Phrase("'{0}' is not a known time zone (use an IANA name such as Europe/London)", calendar.TimeZone)];
        if (calendar.Hours.Count != 7)
            errors["hours"] = [new Phrase("give 7 entries, Monday first, each \"HH:mm-HH:mm\" or \"\" for closed")];
        else
            for (var day = 0; day < 7; day++)
                if (calendar.Hours[day].Length > 0 && ParseHours(calendar.Hours[day]) is null)
                    errors[$"hours[{day}]"] = [new Phrase("'{0}' is not \"HH:mm-HH:mm\" with opening before closing", calendar.Hours[day])];
        // Deadlines are counted in open hours, so a calendar that never opens would never reach one.
        if (calendar.Hours.Count == 7 && calendar.Hours.All(h => h.Length == 0))
            errors["hours"] = [new Phrase("open the calendar on at least one day of the week")];
        for (var i = 0; i < calendar.Holidays.Count; i++)
            if (!DateOnly.TryParseExact(calendar.Holidays[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                errors[$"holidays[{i}]"] = [new Phrase("'{0}' is not a date like 2026-12-25", calendar.Holidays[i])];
        return errors;
    }

    /// <summary>The moment <paramref name="minutes"/> business minutes after <paramref name="startUtc"/>.</summary>
    public DateTime AddMinutes(DateTime startUtc, double minutes)
    {
        var remaining = TimeSpan.FromMinutes(minutes);
        var local = TimeZoneInfo.ConvertTimeFromUtc(startUtc, _zone);
        for (var guard = 0; guard < 3700; guard++)
        {
            var day = DateOnly.FromDateTime(local);
            if (OpenWindow(day) is { } window)
            {
                var from = local.TimeOfDay < window.Open ? window.Open : local.TimeOfDay;
                if (from < window.Close)
                {
                    var available = window.Close - from;
                    if (remaining <= available)
                        return ToUtc(day, from + remaining);
                    remaining -= available;
                }
            }
            local = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        }
        throw new InvalidOperationException("the calendar has no open hours in the next ten years");
    }

    /// <summary>Business minutes between two moments (zero when the second is earlier).</summary>
    public double MinutesBetween(DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc)
            return 0;
        var total = TimeSpan.Zero;
        var local = TimeZoneInfo.ConvertTimeFromUtc(fromUtc, _zone);
        var end = TimeZoneInfo.ConvertTimeFromUtc(toUtc, _zone);
        while (local < end)
        {
            var day = DateOnly.FromDateTime(local);
            var dayEnd = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
            if (OpenWindow(day) is { } window)
            {
                var from = Max(local.TimeOfDay, window.Open);
                var to = end < dayEnd ? Min(end.TimeOfDay, window.Close) : window.Close;
                if (to > from)
                    total += to - from;
            }
            local = dayEnd;
        }
        return total.TotalMinutes;
    }

    private (TimeSpan Open, TimeSpan Close)? OpenWindow(DateOnly day) =>
        _holidays.Contains(day) ? null : _week[((int)day.DayOfWeek + 6) % 7];

    private DateTime ToUtc(DateOnly day, TimeSpan timeOfDay)
    {
        var local = DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) + timeOfDay, DateTimeKind.Unspecified);
        // A local time that does not exist (spring forward) counts from the first moment after the gap.
        while (_zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        return TimeZoneInfo.ConvertTimeToUtc(local, _zone);
    }

    private static (TimeSpan, TimeSpan)? ParseHours(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeSpan.TryParseExact(parts[0], @"hh\:mm", CultureInfo.InvariantCulture, out var open)
            || !TimeSpan.TryParseExact(parts[1], @"hh\:mm", CultureInfo.InvariantCulture, out var close))
            return parts.Length == 2 && parts[1] == "24:00" && TimeSpan.TryParseExact(parts[0], @"hh\:mm", CultureInfo.InvariantCulture, out var start)
                ? (start, TimeSpan.FromDays(1))
                : null;
        return open < close ? (open, close) : null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
