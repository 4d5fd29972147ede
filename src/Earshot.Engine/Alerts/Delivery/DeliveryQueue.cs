using System.Globalization;
using System.Text;
using Earshot.Core.Alerts;
using Earshot.Core.Alerts.Delivery;

namespace Earshot.Engine.Alerts.Delivery;

/// <summary>
/// Adds the deliveries an alert event owes (each subscribed webhook, the owning team's e-mail) to the caller's
/// unit of work, so they commit with the event or not at all: an outbox. The dispatcher sends them.
/// </summary>
public static class DeliveryQueue
{
    /// <summary>E-mail is for the start and the end of an incident; updates would flood a mailbox.</summary>
    private static readonly string[] Emailed = [AlertEventTypes.Opened, AlertEventTypes.Closed];

    public static async Task<int> EnqueueAsync(
        EarshotDbContext db, AlertEvent alertEvent, Alert alert, AlertTopic topic, AlertDetails details, DateTime now, CancellationToken cancellationToken)
    {
        // A snoozed alert stays open and keeps counting; only its updates stop going out.
        if (alertEvent.Type == AlertEventTypes.Updated && alert.SnoozedUntil > now)
            return 0;
        var message = AlertMessage.Of(alertEvent, alert, topic.Name, details);
        var webhooks = await db.Webhooks.AsNoTracking().Where(w => w.WorkspaceId == topic.WorkspaceId).ToListAsync(cancellationToken);
        var count = 0;
        foreach (var webhook in webhooks.Where(w => w.Receives(alertEvent.Type) && (w.TeamId == null || w.TeamId == topic.TeamId)))
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                WebhookId = webhook.Id, EventId = alertEvent.Id, EventType = alertEvent.Type, AlertId = alert.Id,
                Body = AlertPayloads.Build(webhook.Format, message), Status = DeliveryStatus.Pending,
                CreatedAt = now, NextAttemptAt = now,
            });
            count++;
        }
        if (Emailed.Contains(alertEvent.Type) && topic.TeamId is { } teamId
            && await db.Teams.Where(t => t.Id == teamId).Select(t => t.AlertEmail).FirstOrDefaultAsync(cancellationToken) is { Length: > 0 } address)
        {
            db.EmailDeliveries.Add(new EmailDelivery
            {
                EventId = alertEvent.Id, EventType = alertEvent.Type, AlertId = alert.Id, Recipients = address,
                Subject = "[Earshot] " + message.Headline, TextBody = EmailText(message),
                Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now,
            });
            count++;
        }
        return count;
    }

    public static string EmailText(AlertMessage m)
    {
        var text = new StringBuilder();
        text.AppendLine(m.Headline).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Topic:   {m.Topic}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Kind:    {m.Kind}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Status:  {m.Status}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Started: {m.StartedAt:u}");
        if (m.ClosedAt is { } closed)
            text.AppendLine(CultureInfo.InvariantCulture, $"Closed:  {closed:u}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Count:   {m.Count}");
        if (m.Details.Terms.Count > 0)
            text.AppendLine(CultureInfo.InvariantCulture, $"Terms:   {string.Join(", ", m.Details.Terms)}");
        if (m.Details.Examples.Count > 0)
        {
            text.AppendLine().AppendLine("Examples:");
            foreach (var example in m.Details.Examples)
                text.AppendLine("  > " + example.Text.ReplaceLineEndings(" "));
        }
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Alert {m.AlertId}");
        return text.ToString();
    }
}
