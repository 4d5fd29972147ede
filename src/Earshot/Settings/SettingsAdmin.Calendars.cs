using Earshot.Core.Access;
using Earshot.Core.Cases;
using Earshot.Engine.Audit;

namespace Earshot.Settings;

public sealed partial class SettingsAdmin
{
    /// <summary>
    /// A business calendar as it is written: an IANA time zone (UTC when left out), seven "HH:mm-HH:mm" entries from
    /// Monday ("" closes the day; left out: weekdays 09:00-17:00) and closed dates.
    /// </summary>
    public sealed record CalendarSpec(string? Name, string? TimeZone, IReadOnlyList<string>? Hours, IReadOnlyList<string>? Holidays);

    public async Task<(Saved? Saved, Refusal? Refusal)> SaveCalendarAsync(AuditActor actor, Guid workspaceId, CalendarSpec spec, CancellationToken cancellationToken)
    {
        var name = spec.Name?.Trim();
        var calendar = await db.BusinessCalendars.FirstOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.Name == name, cancellationToken)
            ?? new BusinessCalendar { WorkspaceId = workspaceId, Name = name ?? "" };
        return await ApplyCalendarAsync(actor, calendar, spec, cancellationToken);
    }

    public async Task<(Saved? Saved, Refusal? Refusal)> UpdateCalendarAsync(AuditActor actor, Guid id, CalendarSpec spec, CancellationToken cancellationToken)
    {
        var calendar = await db.BusinessCalendars.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return calendar is null ? (null, NotFound(new Phrase("no calendar with that id in your workspaces"))) : await ApplyCalendarAsync(actor, calendar, spec, cancellationToken);
    }

    /// <summary>Refused (409) while an SLA policy counts time on the calendar; the refusal names those policies.</summary>
    public async Task<(Saved? Saved, Refusal? Refusal)> DeleteCalendarAsync(AuditActor actor, Guid id, CancellationToken cancellationToken)
    {
        var calendar = await db.BusinessCalendars.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (calendar is null)
            return (null, NotFound(new Phrase("no calendar with that id in your workspaces")));
        var usedBy = await db.SlaPolicies.Where(p => p.CalendarId == id).Select(p => p.Name).ToListAsync(cancellationToken);
        if (usedBy.Count > 0)
        {
            var names = string.Join(", ", usedBy.Order(StringComparer.Ordinal).Select(n => $"'{n}'"));
            return (null, new Refusal("id", usedBy.Count == 1
                ? new Phrase("the SLA policy {0} count time on this calendar; give them another calendar or delete them first", names)
                : new Phrase("the SLA policies {0} count time on this calendar; give them another calendar or delete them first", names), RefusalKind.Conflict));
        }
        db.BusinessCalendars.Remove(calendar);
        audit.Add(db, AuditKinds.CalendarDeleted, actor, calendar.WorkspaceId, new { calendar = calendar.Name, calendar_id = calendar.Id });
        await db.SaveChangesAsync(cancellationToken);
        return (new Saved(calendar.Id, calendar.Name, calendar.WorkspaceId), null);
    }

    private async Task<(Saved? Saved, Refusal? Refusal)> ApplyCalendarAsync(AuditActor actor, BusinessCalendar calendar, CalendarSpec spec, CancellationToken cancellationToken)
    {
        if (BadName(spec.Name, new Phrase("give the calendar a name of 1 to 200 characters")) is { } badName)
            return (null, badName);
        var candidate = new BusinessCalendar { Name = spec.Name!.Trim(), TimeZone = spec.TimeZone ?? "UTC", Holidays = [.. spec.Holidays ?? []] };
        if (spec.Hours is not null)
            candidate.Hours = [.. spec.Hours];
        if (BusinessHours.Validate(candidate) is { Count: > 0 } errors)
            return (null, Refusal.Invalid(errors));
        var created = db.Entry(calendar).State == EntityState.Detached;
        if (await db.BusinessCalendars.AnyAsync(c => c.WorkspaceId == calendar.WorkspaceId && c.Name == candidate.Name && c.Id != calendar.Id, cancellationToken))
            return (null, NameTaken(new Phrase("another calendar in this workspace is already named '{0}'; choose another name or change that one", candidate.Name)));
        var before = calendar.Name;
        calendar.Name = candidate.Name;
        calendar.TimeZone = candidate.TimeZone;
        calendar.Hours = candidate.Hours;
        calendar.Holidays = candidate.Holidays;
        if (created)
            db.BusinessCalendars.Add(calendar);
        audit.Add(db, AuditKinds.CalendarSaved, actor, calendar.WorkspaceId, new
        {
            calendar = calendar.Name, calendar_id = calendar.Id, created, renamed_from = created || before == calendar.Name ? null : before,
            time_zone = calendar.TimeZone, hours = calendar.Hours, holidays = calendar.Holidays,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (new Saved(calendar.Id, calendar.Name, calendar.WorkspaceId), null);
    }
}
