using System.Globalization;
using System.Text;
using Earshot.Core.Cases;

namespace Earshot.Engine.Cases;

/// <summary>One page of a case list, how many cases the whole list has, and where the next page starts (null at the end).</summary>
public sealed record CasePage(IReadOnlyList<Case> Cases, int Total, string? NextCursor);

/// <summary>
/// Pages through a <see cref="CaseFilter"/> with a keyset cursor on a stable order: the queue by rank key then id,
/// every other list by opening time (which never changes) then id, newest first. Following the cursors reaches
/// every case the filter matches exactly once, provided its sort key does not change during the walk. A waiting
/// case's rank key changes only when its deadline comes near, the customer writes again or the policy changes;
/// such a case can then show up twice or be passed over in that one walk, as in any queue whose order moves, and
/// the live refresh of the first page shows it where it now stands.
/// </summary>
public static class CaseListing
{
    public const int MaxPageSize = 500;

    /// <summary>
    /// The page after <paramref name="after"/> (the first when null) with its total, or with a total of 0 when
    /// <paramref name="counted"/> is false (the caller has the count already: <see cref="CaseCounts.TotalFor"/>).
    /// </summary>
    public static async Task<CasePage> PageAsync(EarshotDbContext db, CaseFilter filter, SlaWindows windows, CaseCursor? after, int size, DateTime now,
        CancellationToken cancellationToken, bool counted = true)
    {
        var matching = filter.Apply(db.Cases.AsNoTracking(), now, windows);
        var total = counted ? await matching.CountAsync(cancellationToken) : 0;
        if (filter.QueueOrdered && filter.Sla == SlaState.Breached)
        {
            // Breached cases are raised to the front of the queue, so the page is best read along the rank index, stopping
            // after a page. Left to itself the planner reads every overdue case through the deadline index and sorts them
            // (on a week-old backlog ~99,000 rows, seconds on SQLite); the same test in a form no index serves sends it
            // along the rank index instead. The count above keeps the deadline index.
            matching = (filter with { Sla = SlaState.Any }).Apply(db.Cases.AsNoTracking(), now, windows)
                .Where(c => (c.DueAt ?? DateTime.MaxValue) <= now);
        }
        IQueryable<Case> page;
        if (filter.QueueOrdered)
        {
            if (after is { Rank: { } rank } cursor)
            {
                var id = cursor.Id;
                matching = matching.Where(c => c.RankKey > rank || (c.RankKey == rank && c.Id.CompareTo(id) > 0));
            }
            page = matching.OrderBy(c => c.RankKey).ThenBy(c => c.Id);
        }
        else
        {
            if (after is { Opened: { } opened } cursor)
            {
                var id = cursor.Id;
                matching = matching.Where(c => c.OpenedAt < opened || (c.OpenedAt == opened && c.Id.CompareTo(id) < 0));
            }
            page = matching.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id);
        }
        var rows = await page.Take(size + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (rows.Count > size)
        {
            rows.RemoveAt(size);
            var last = rows[^1];
            next = (filter.QueueOrdered ? new CaseCursor(last.RankKey, null, last.Id) : new CaseCursor(null, last.OpenedAt, last.Id)).Encode();
        }
        return new CasePage(rows, total, next);
    }
}

/// <summary>Where the next page starts: after this rank key (queue order) or opening time (newest first), then id.</summary>
public sealed record CaseCursor(double? Rank, DateTime? Opened, Guid Id)
{
    public string Encode()
    {
        var text = Rank is { } rank
            ? "r:" + rank.ToString("R", CultureInfo.InvariantCulture) + ":" + Id.ToString("N")
            : "o:" + Opened!.Value.Ticks.ToString(CultureInfo.InvariantCulture) + ":" + Id.ToString("N");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The cursor in <paramref name="text"/>, or null when it is not one this list handed out.</summary>
    public static CaseCursor? Decode(string text, bool queueOrdered)
    {
        if (text.Length is 0 or > 200)
            return null;
        string plain;
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            plain = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = plain.Split(':');
        if (parts.Length != 3 || !Guid.TryParseExact(parts[2], "N", out var id))
            return null;
        if (queueOrdered && parts[0] == "r" && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rank) && double.IsFinite(rank))
            return new CaseCursor(rank, null, id);
        if (!queueOrdered && parts[0] == "o" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks)
            return new CaseCursor(null, new DateTime(ticks, DateTimeKind.Utc), id);
        return null;
    }
}
