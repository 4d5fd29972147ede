using Earshot.Core.Alerts;

namespace Earshot.Alerts;

/// <summary>
/// How many of the caller's alerts are open, and how many of those someone acknowledged: the navigation shows the
/// ones that need attention (open and not acknowledged) on every page, so a lead sees alerts that opened before
/// they signed in.
/// </summary>
public sealed record AlertCounts(int Open, int Acknowledged)
{
    public int NeedAttention => Open - Acknowledged;

    /// <summary>
    /// One grouped count over the (workspace, status) index; the workspace filter narrows it to the caller's
    /// workspaces. Not cached: open alerts are few, and a cached count would lag behind an acknowledgement.
    /// </summary>
    public static async Task<AlertCounts> ForAsync(EarshotDbContext db, CancellationToken cancellationToken)
    {
        var groups = await db.Alerts.AsNoTracking().Where(a => a.Status == AlertStatus.Open)
            .GroupBy(a => a.AcknowledgedAt != null)
            .Select(g => new { Acknowledged = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new AlertCounts(groups.Sum(g => g.Count), groups.Where(g => g.Acknowledged).Sum(g => g.Count));
    }
}
