using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Earshot.Posts;

namespace Earshot.Audit;

/// <summary>What to read from the audit log: every part optional; newest first, keyset-paged.</summary>
public sealed record AuditFilter(string? Kind, Guid? ActorId, Guid? WorkspaceId, DateTime? Since, DateTime? Until, PostCursor? After, int Limit);

/// <summary>One audit event as shown: the actor's e-mail ("cli" for the command line), the workspace's name, the data.</summary>
public sealed record AuditEntry(Guid Id, DateTime At, string Kind, Guid? ActorId, string? Actor, string? Workspace, JsonElement Data);

/// <summary>A page of events and the cursor for the next (older) page, or null at the end.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? Next);

/// <summary>
/// Reads the audit log for <c>GET /api/audit</c>, the /audit page and <c>earshot audit</c>, which so filter, page and
/// refuse bad parameters alike.
/// </summary>
public static partial class AuditQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>
    /// Turns the parameters, as given, into a filter; or names the parameter that is wrong. A time without an offset
    /// is read in <paramref name="zone"/> (the page's user's), with one as given; <c>kind</c> ending in "." is a prefix.
    /// </summary>
    public static async Task<(AuditFilter? Filter, string? Field, Phrase? Error)> ParseAsync(
        EarshotDbContext db, string? kind, string? actor, string? workspace, string? since, string? until, string? cursor, int? limit,
        TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        kind = Blank(kind);
        if (kind is not null && (kind.Length > 100 || !KindPattern().IsMatch(kind)))
            return (null, "kind", new Phrase("'kind' is an event kind such as auth.sign-in, or a prefix ending in '.' such as auth."));
        Guid? actorId = null;
        if (Blank(actor) is { } email)
        {
            if (!email.Contains('@', StringComparison.Ordinal) || email.Length > 320)
                return (null, "actor", new Phrase("'actor' is the e-mail address of the user who acted"));
            var lower = email.ToLowerInvariant();
            // An address with no account matches nothing rather than failing: failed sign-ins name such addresses.
            actorId = await db.Users.Where(u => u.Email == lower).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken) ?? Guid.Empty;
        }
        Guid? workspaceId = null;
        if (Blank(workspace) is { } name)
        {
            workspaceId = await db.Workspaces.Where(w => w.Name == name).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(cancellationToken);
            if (workspaceId is null)
                return (null, "workspace", new Phrase("no workspace '{0}'", name));
        }
        if (!TryTime(since, zone, out var from))
            return (null, "since", new Phrase("'since' is a time such as 2025-03-01 or 2025-03-01T09:00:00Z"));
        if (!TryTime(until, zone, out var to))
            return (null, "until", new Phrase("'until' is a time such as 2025-03-31 or 2025-03-31T18:00:00Z"));
        if (from is not null && to is not null && from >= to)
            return (null, "since", new Phrase("'since' must be before 'until'"));
        if (!PostCursor.TryDecode(Blank(cursor), out var after))
            return (null, "cursor", new Phrase("'cursor' is not one this log gave; start again without it"));
        if (limit is < 1 or > MaxLimit)
            return (null, "limit", new Phrase("'limit' is 1 to {0}", MaxLimit));
        return (new AuditFilter(kind, actorId, workspaceId, from, to, after, limit ?? DefaultLimit), null, null);
    }

    public static async Task<AuditPage> ReadAsync(EarshotDbContext db, AuditFilter filter, CancellationToken cancellationToken)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (filter.Kind is { } kind)
            events = kind.EndsWith('.') ? events.Where(e => e.Kind.StartsWith(kind)) : events.Where(e => e.Kind == kind);
        if (filter.ActorId is { } actor)
            events = events.Where(e => e.ActorId == actor);
        if (filter.WorkspaceId is { } workspace)
            events = events.Where(e => e.WorkspaceId == workspace);
        if (filter.Since is { } since)
            events = events.Where(e => e.At >= since);
        if (filter.Until is { } until)
            events = events.Where(e => e.At < until);
        if (filter.After is { } after)
            events = events.Where(e => e.At < after.CreatedAt || (e.At == after.CreatedAt && e.Id.CompareTo(after.Id) < 0));
        var limit = Math.Clamp(filter.Limit, 1, MaxLimit);
        var rows = await events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(limit + 1)
            .Select(e => new
            {
                e.Id, e.At, e.Kind, e.ActorId, e.DataJson,
                Email = db.Users.Where(u => u.Id == e.ActorId).Select(u => u.Email).FirstOrDefault(),
                Workspace = db.Workspaces.Where(w => w.Id == e.WorkspaceId).Select(w => w.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var items = rows.Take(limit).Select(r =>
        {
            var data = Data(r.DataJson);
            var actor = r.Email ?? (data.TryGetProperty("actor", out var by) && by.ValueKind == JsonValueKind.String ? by.GetString() : null);
            return new AuditEntry(r.Id, DateTime.SpecifyKind(r.At, DateTimeKind.Utc), r.Kind, r.ActorId, actor, r.Workspace, data);
        }).ToList();
        var next = rows.Count > limit ? new PostCursor(items[^1].At, items[^1].Id).Encode() : null;
        return new AuditPage(items, next);
    }

    /// <summary>The user's time zone by IANA or Windows id; UTC when none or unknown.</summary>
    public static TimeZoneInfo Zone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static JsonElement Data(string json)
    {
        try
        {
            return JsonDocument.Parse(json).RootElement.Clone();
        }
        catch (JsonException)
        {
            // Rows are written by Earshot, but a hand-made one should not break the log's reader.
            return JsonSerializer.SerializeToElement(new { unreadable = json });
        }
    }

    private static bool TryTime(string? text, TimeZoneInfo zone, out DateTime? utc)
    {
        utc = null;
        if (Blank(text) is not { } given)
            return true;
        if (!DateTime.TryParse(given, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            return false;
        utc = parsed.Kind == DateTimeKind.Unspecified ? TimeZoneInfo.ConvertTimeToUtc(parsed, zone) : parsed.ToUniversalTime();
        return true;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[a-z0-9_.-]+$")]
    private static partial Regex KindPattern();
}
