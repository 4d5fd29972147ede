using Earshot.Core.Workspaces;

namespace Earshot.Core.Cases;

/// <summary>
/// Response and resolution targets, in business minutes of a calendar (all hours when none). The most specific
/// policy applies: team and intent, then team, then intent, then the workspace's.
/// </summary>
public sealed class SlaPolicy : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    public Guid? TeamId { get; set; }
    public string? Intent { get; set; }
    public int FirstResponseMinutes { get; set; } = 60;
    public int NextResponseMinutes { get; set; } = 120;
    public int ResolutionMinutes { get; set; } = 1440;
    public Guid? CalendarId { get; set; }
}

/// <summary>Opening hours in a time zone, with holidays; SLA clocks only run inside them.</summary>
public sealed class BusinessCalendar : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    /// <summary>An IANA time zone ("Europe/London").</summary>
    public string TimeZone { get; set; } = "UTC";
    /// <summary>Per weekday, "HH:mm-HH:mm", Monday first; an empty entry is a closed day.</summary>
    public List<string> Hours { get; set; } = ["09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "", ""];
    /// <summary>Closed dates ("2026-12-25"), in the calendar's own time zone.</summary>
    public List<string> Holidays { get; set; } = [];
}
