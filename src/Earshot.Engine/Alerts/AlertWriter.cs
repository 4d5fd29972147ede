using Earshot.Core.Alerts;
using Earshot.Core.Alerts.Detection;
using Earshot.Core.Alerts.Live;
using Earshot.Core.Events;
using Earshot.Engine.Alerts.Delivery;
using Earshot.Engine.Pipeline;

namespace Earshot.Engine.Alerts;

/// <summary>
/// Turns detector changes into stored alerts, their events and the deliveries they owe, in one transaction, then
/// tells live pages and the dispatcher. One open alert per topic and kind: an opening while one is open updates it.
/// </summary>
public sealed class AlertWriter(IDbContextFactory<EarshotDbContext> contexts, EventBus bus, DeliverySignal signal, TimeProvider clock)
{
    public async Task ApplyAsync(IReadOnlyList<AlertChange> changes, IReadOnlyDictionary<Guid, AlertTopic> topics, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
            return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var published = new List<EarshotEvent>();
        foreach (var change in changes)
        {
            if (!topics.TryGetValue(change.TopicId, out var topic))
                continue;
            if (await ApplyAsync(db, change, topic, now, cancellationToken) is { } applied)
                published.Add(new EarshotEvent(applied.Type, topic.WorkspaceId, applied.AlertId, now));
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var @event in published)
            bus.Publish(@event);
        signal.Notify();
    }

    private static async Task<AlertEvent?> ApplyAsync(EarshotDbContext db, AlertChange change, AlertTopic topic, DateTime now, CancellationToken cancellationToken)
    {
        var kind = change.Kind.Name();
        var alert = db.Alerts.Local.FirstOrDefault(a => a.TopicId == topic.Id && a.Kind == kind && a.Status == AlertStatus.Open)
            ?? await db.Alerts.FirstOrDefaultAsync(a => a.TopicId == topic.Id && a.Kind == kind && a.Status == AlertStatus.Open, cancellationToken);
        string type;
        if (alert is null)
        {
            if (change.Phase == DetectionPhase.Closed)
                return null;
            // Someone closed this incident by hand; the detector still sees it, but it is not news again.
            if (await db.Alerts.AnyAsync(a => a.TopicId == topic.Id && a.Kind == kind && a.StartedAt == change.StartedAt, cancellationToken))
                return null;
            alert = new Alert { WorkspaceId = topic.WorkspaceId, TopicId = topic.Id, Kind = kind, Status = AlertStatus.Open, StartedAt = change.StartedAt };
            db.Alerts.Add(alert);
            type = AlertEventTypes.Opened;
        }
        else
        {
            type = change.Phase == DetectionPhase.Closed ? AlertEventTypes.Closed : AlertEventTypes.Updated;
        }
        var details = AlertDetails.From(change, AlertDetails.Parse(alert.DetailsJson));
        alert.Count = Math.Max(alert.Count, change.Count);
        alert.UpdatedAt = now;
        alert.DetailsJson = details.ToJson();
        if (type == AlertEventTypes.Closed)
        {
            alert.Status = AlertStatus.Closed;
            alert.ClosedAt = now;
        }
        var alertEvent = new AlertEvent { AlertId = alert.Id, Type = type, At = now, DataJson = details.ToJson() };
        db.AlertEvents.Add(alertEvent);
        await DeliveryQueue.EnqueueAsync(db, alertEvent, alert, topic, details, now, cancellationToken);
        return alertEvent;
    }
}
