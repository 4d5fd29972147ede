using Earshot.Core.Cases;

namespace Earshot.Core.Tests.Cases;

public sealed class BusinessHoursTests
{
    private static BusinessHours London(params string[] holidays) => new(new BusinessCalendar
    {
        Name = "London office", TimeZone = "Europe/London", Holidays = [.. holidays],
    });

    [Fact]
    public void All_hours_counts_every_minute()
    {
        var start = new DateTime(2026, 11, 20, 23, 30, 0, DateTimeKind.Utc);
        Assert.Equal(start.AddMinutes(90), BusinessHours.AllHours.AddMinutes(start, 90));
        Assert.Equal(90, BusinessHours.AllHours.MinutesBetween(start, start.AddMinutes(90)), 6);
    }

    [Fact]
    public void Time_after_closing_on_friday_counts_from_monday_morning()
    {
        // Friday 16:30 London (GMT in November) + 60 business minutes = Monday 09:30.
        var friday = new DateTime(2026, 11, 20, 16, 30, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2026, 11, 23, 9, 30, 0, DateTimeKind.Utc), London().AddMinutes(friday, 60));
    }

    [Fact]
    public void Holidays_are_skipped()
    {
        var christmasEve = new DateTime(2026, 12, 24, 16, 0, 0, DateTimeKind.Utc);
        // 24 Dec is a Thursday; 25 Dec a holiday; next open is Monday 28 Dec.
        Assert.Equal(new DateTime(2026, 12, 28, 10, 0, 0, DateTimeKind.Utc), London("2026-12-25").AddMinutes(christmasEve, 120));
    }

    [Fact]
    public void Summer_time_is_respected()
    {
        // In July London is UTC+1: opening at 09:00 local is 08:00 UTC.
        var beforeOpening = new DateTime(2026, 7, 6, 5, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2026, 7, 6, 8, 30, 0, DateTimeKind.Utc), London().AddMinutes(beforeOpening, 30));
    }

    [Fact]
    public void Minutes_between_count_only_open_hours()
    {
        var friday = new DateTime(2026, 11, 20, 16, 0, 0, DateTimeKind.Utc);
        var monday = new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal(120, London().MinutesBetween(friday, monday), 6);
        Assert.Equal(0, London().MinutesBetween(monday, friday));
    }

    [Fact]
    public void Bad_calendars_are_refused_field_by_field()
    {
        var errors = BusinessHours.Validate(new BusinessCalendar { Name = "x", TimeZone = "Mars/Olympus", Hours = ["9-5", "", "", "", "", "", ""], Holidays = ["25/12/2026"] });
        Assert.Equal(["holidays[0]", "hours[0]", "time_zone"], errors.Keys.Order());
    }

    [Fact]
    public void A_calendar_that_never_opens_is_refused_because_no_deadline_would_come()
    {
        var errors = BusinessHours.Validate(new BusinessCalendar { Name = "shut", Hours = ["", "", "", "", "", "", ""] });
        Assert.Equal(["hours"], errors.Keys);
    }
}
