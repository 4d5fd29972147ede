using Earshot.Core.Alerts;
using Earshot.Core.Events;
using Earshot.Engine.Alerts.Delivery;
using Earshot.Engine.Pipeline;

namespace Earshot.Engine.Alerts;

/// <summary>What people do to alerts: acknowledge, snooze, close. Each is recorded as an alert event with its actor.</summary>
public sealed class AlertActions(IDbContextFactory<EarshotDbContext> contexts, EventBus bus, DeliverySignal signal, TimeProvider clock)
{
    public enum Outcome
    {
        Done,
        NotFound,
        AlreadyClosed,
    }

    public Task<Outcome> AcknowledgeAsync(Guid id, Guid? actor, CancellationToken cancellationToken) =>
        ActAsync(id, actor, AlertEventTypes.Acknowledged, (alert, now) =>
        {
            alert.AcknowledgedAt = now;
            alert.AcknowledgedBy = actor;
            return "{}";
        }, cancellationToken);

    public Task<Outcome> SnoozeAsync(Guid id, TimeSpan duration, Guid? actor, CancellationToken cancellationToken) =>
        ActAsync(id, actor, AlertEventTypes.Snoozed, (alert, now) =>
        {
            alert.SnoozedUntil = now + duration;
            return $$"""{"until": "{{alert.SnoozedUntil:O}}"}""";
        }, cancellationToken);

    /// <summary>Closes by hand; webhooks and e-mail hear alert.closed as if the spike had subsided.</summary>
    public Task<Outcome> CloseAsync(Guid id, Guid? actor, CancellationToken cancellationToken) =>
        ActAsync(id, actor, AlertEventTypes.Closed, (alert, now) =>
        {
            alert.Status = AlertStatus.Closed;
            alert.ClosedAt = now;
            return """{"by_hand": true}""";
        }, cancellationToken);

    private async Task<Outcome> ActAsync(Guid id, Guid? actor, string type, Func<Alert, DateTime, string> apply, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (alert is null)
            return Outcome.NotFound;
        if (alert.Status == AlertStatus.Closed)
            return Outcome.AlreadyClosed;
        var now = clock.GetUtcNow().UtcDateTime;
        var data = apply(alert, now);
        alert.UpdatedAt = now;
        var alertEvent = new AlertEvent { AlertId = alert.Id, Type = type, ActorId = actor, At = now, DataJson = data };
        db.AlertEvents.Add(alertEvent);
        if (type == AlertEventTypes.Closed
            && await db.Topics.Where(t => t.Id == alert.TopicId).Select(t => new AlertTopic(t.Id, t.WorkspaceId, t.Name, t.TeamId, t.Sensitivity))
                .FirstOrDefaultAsync(cancellationToken) is { } topic)
            await DeliveryQueue.EnqueueAsync(db, alertEvent, alert, topic, AlertDetails.Parse(alert.DetailsJson), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        bus.Publish(new EarshotEvent(type, alert.WorkspaceId, alert.Id, now));
        signal.Notify();
        return Outcome.Done;
    }
}
