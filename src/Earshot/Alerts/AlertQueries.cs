using Earshot.Core.Alerts;
using Earshot.Core.Understanding;
using Earshot.Engine.Alerts;

namespace Earshot.Alerts;

/// <summary>Reads for the alerts API and page: lists, one alert with its minute series, example posts and history.</summary>
public static class AlertQueries
{
    /// <summary>The chart shows this much before the alert started, and at most <see cref="MaxSpan"/> in all.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromMinutes(60);
    public static readonly TimeSpan MaxSpan = TimeSpan.FromHours(6);

    /// <param name="workspaceIds">The caller's workspaces; null for all (admins).</param>
    /// <summary>The alert's workspace, for the caller's access check (null when there is no such alert).</summary>
    public static Task<Guid?> WorkspaceOfAsync(EarshotDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Alerts.Where(a => a.Id == id).Select(a => (Guid?)a.WorkspaceId).FirstOrDefaultAsync(cancellationToken);

    public static async Task<List<AlertView>> ListAsync(EarshotDbContext db, string? status, int limit, CancellationToken cancellationToken, IReadOnlyCollection<Guid>? workspaceIds = null)
    {
        var alerts = db.Alerts.AsNoTracking();
        if (workspaceIds is not null)
            alerts = alerts.Where(a => workspaceIds.Contains(a.WorkspaceId));
        if (status is AlertStatus.Open or AlertStatus.Closed)
            alerts = alerts.Where(a => a.Status == status);
        var rows = await alerts.OrderByDescending(a => a.StartedAt).Take(limit)
            .Select(a => new { Alert = a, Topic = db.Topics.Where(t => t.Id == a.TopicId).Select(t => t.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => View(r.Alert, r.Topic)).ToList();
    }

    public static async Task<AlertDetailView?> GetAsync(EarshotDbContext db, Guid id, DateTime now, CancellationToken cancellationToken, IReadOnlyCollection<Guid>? workspaceIds = null)
    {
        var row = await db.Alerts.AsNoTracking().Where(a => a.Id == id && (workspaceIds == null || workspaceIds.Contains(a.WorkspaceId)))
            .Select(a => new { Alert = a, Topic = db.Topics.Where(t => t.Id == a.TopicId).Select(t => t.Name).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
            return null;
        var view = View(row.Alert, row.Topic);
        var series = row.Alert.TopicId is { } topicId ? await SeriesAsync(db, topicId, row.Alert, now, cancellationToken) : [];
        var ids = view.Examples.Select(e => e.PostId).ToList();
        var posts = await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.CreatedAt, p.Url, Handle = p.Author!.Handle }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var examples = view.Examples.Select(e => posts.TryGetValue(e.PostId, out var p)
            ? new ExamplePost(e.PostId, e.Text, p.Handle, p.CreatedAt, p.Url)
            : new ExamplePost(e.PostId, e.Text, null, null, null)).ToList();
        var events = await db.AlertEvents.AsNoTracking().Where(e => e.AlertId == id).OrderBy(e => e.At)
            .Select(e => new AlertEventView(e.Type, e.ActorId, e.At)).ToListAsync(cancellationToken);
        return new AlertDetailView(view, series, examples, events);
    }

    /// <summary>Per-minute counts of the topic around the alert, every minute present (zeros included) so a chart can plot it.</summary>
    public static async Task<List<MinutePoint>> SeriesAsync(EarshotDbContext db, Guid topicId, Alert alert, DateTime now, CancellationToken cancellationToken)
    {
        var start = Minute(alert.StartedAt - Lead);
        var end = Minute(alert.ClosedAt ?? now) + TimeSpan.FromMinutes(1);
        if (end - start > MaxSpan)
            end = start + MaxSpan;
        var rows = await (from m in db.TopicMatches
                          join p in db.Posts on m.PostId equals p.Id
                          where m.TopicId == topicId && p.CreatedAt >= start && p.CreatedAt < end && !p.IsDeleted
                          from c in db.Classifications.Where(c => c.PostId == p.Id).DefaultIfEmpty()
                          select new { p.CreatedAt, Negative = c != null && c.Sentiment == Sentiments.Negative, Complaint = c != null && c.Intent == Intents.Complaint })
            .ToListAsync(cancellationToken);
        var minutes = (int)(end - start).TotalMinutes;
        var posts = new int[minutes];
        var negative = new int[minutes];
        var complaints = new int[minutes];
        foreach (var r in rows)
        {
            var i = (int)((r.CreatedAt - start).Ticks / TimeSpan.TicksPerMinute);
            if (i < 0 || i >= minutes)
                continue;
            posts[i]++;
            if (r.Negative) negative[i]++;
            if (r.Complaint) complaints[i]++;
        }
        return Enumerable.Range(0, minutes).Select(i => new MinutePoint(start.AddMinutes(i), posts[i], negative[i], complaints[i])).ToList();
    }

    private static DateTime Minute(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    private static AlertView View(Alert a, string? topic)
    {
        var details = AlertDetails.Parse(a.DetailsJson);
        return new AlertView(a.Id, a.TopicId, topic, a.Kind, a.Status, a.StartedAt, a.UpdatedAt, a.ClosedAt, a.Count,
            details.PeakPerMinute, details.Score, details.Terms, details.Examples, a.AcknowledgedAt, a.AcknowledgedBy, a.SnoozedUntil, details.CloseReason, a.IncidentCaseId);
    }
}
