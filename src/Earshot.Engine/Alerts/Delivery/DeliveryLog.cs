using Earshot.Core.Alerts.Delivery;

namespace Earshot.Engine.Alerts.Delivery;

/// <summary>Deliveries as people see them (webhooks and e-mails together), and the retry of a dead letter.</summary>
public sealed class DeliveryLog(IDbContextFactory<EarshotDbContext> contexts, DeliverySignal signal, TimeProvider clock)
{
    public sealed record Entry(
        Guid Id, string Channel, string Target, string EventType, Guid? AlertId, string Status, int Attempts,
        DateTime CreatedAt, DateTime? NextAttemptAt, DateTime? DeliveredAt, int? LastStatusCode, string? LastError);

    public async Task<IReadOnlyList<Entry>> ListAsync(DeliveryStatus? status, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hooks = await (from d in db.WebhookDeliveries.AsNoTracking()
                           join w in db.Webhooks on d.WebhookId equals w.Id
                           where status == null || d.Status == status
                           orderby d.CreatedAt descending
                           select new { d, w.Url }).Take(limit).ToListAsync(cancellationToken);
        var mails = await db.EmailDeliveries.AsNoTracking().Where(d => status == null || d.Status == status)
            .OrderByDescending(d => d.CreatedAt).Take(limit).ToListAsync(cancellationToken);
        return hooks.Select(h => new Entry(h.d.Id, "webhook", h.Url, h.d.EventType, h.d.AlertId, Name(h.d.Status), h.d.Attempts, h.d.CreatedAt,
                h.d.Status == DeliveryStatus.Pending ? h.d.NextAttemptAt : null, h.d.DeliveredAt, h.d.LastStatusCode, h.d.LastError))
            .Concat(mails.Select(m => new Entry(m.Id, "email", m.Recipients, m.EventType, m.AlertId, Name(m.Status), m.Attempts, m.CreatedAt,
                m.Status == DeliveryStatus.Pending ? m.NextAttemptAt : null, m.DeliveredAt, null, m.LastError)))
            .OrderByDescending(e => e.CreatedAt).Take(limit).ToList();
    }

    /// <summary>Puts a dead letter back in the queue with a fresh set of attempts. False when there is no such dead letter.</summary>
    public async Task<bool> RetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.WebhookDeliveries.Where(d => d.Id == id && d.Status == DeliveryStatus.Dead)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.Attempts, 0).SetProperty(d => d.NextAttemptAt, now), cancellationToken);
        rows += await db.EmailDeliveries.Where(d => d.Id == id && d.Status == DeliveryStatus.Dead)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.Attempts, 0).SetProperty(d => d.NextAttemptAt, now), cancellationToken);
        if (rows > 0)
            signal.Notify();
        return rows > 0;
    }

    public static string Name(DeliveryStatus status) => status.ToString().ToLowerInvariant();
}
