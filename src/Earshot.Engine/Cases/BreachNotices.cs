using System.Text.Json;
using System.Text.Json.Nodes;
using Earshot.Core.Alerts.Delivery;
using Earshot.Core.Cases;
using Earshot.Engine.Alerts.Delivery;

namespace Earshot.Engine.Cases;

/// <summary>
/// Tells the team about an SLA breach: an e-mail to the team's leads (and its alert address), and a delivery to
/// every webhook that subscribed to <c>case.breached</c>. They go through the alert delivery queue, so they are
/// signed, retried and dead-lettered like alerts.
/// </summary>
public static class BreachNotices
{
    public const string EventType = "case.breached";

    public static async Task<int> EnqueueAsync(EarshotDbContext db, Case @case, string target, DateTime now, CancellationToken cancellationToken)
    {
        var team = @case.TeamId is { } teamId ? await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken) : null;
        var headline = $"SLA breached ({target.Replace('_', ' ')}): \"{@case.Subject}\"{(team is null ? "" : " — team " + team.Name)}";
        var eventId = Guid.CreateVersion7();
        var count = 0;
        var webhooks = await db.Webhooks.AsNoTracking().Where(w => w.WorkspaceId == @case.WorkspaceId).ToListAsync(cancellationToken);
        foreach (var webhook in webhooks.Where(w => w.Receives(EventType) && (w.TeamId == null || w.TeamId == @case.TeamId)))
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                WebhookId = webhook.Id, EventId = eventId, EventType = EventType, Body = Body(webhook.Format, @case, target, team?.Name, headline),
                Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now,
            });
            count++;
        }
        var recipients = new List<string>();
        if (team is not null)
        {
            recipients.AddRange(await db.TeamMembers.Where(m => m.TeamId == team.Id && m.IsLead)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email).ToListAsync(cancellationToken));
            if (team.AlertEmail is { Length: > 0 } address)
                recipients.Add(address);
        }
        if (recipients.Count > 0)
        {
            db.EmailDeliveries.Add(new EmailDelivery
            {
                EventId = eventId, EventType = EventType, Recipients = string.Join(", ", recipients.Distinct()),
                Subject = "[Earshot] " + headline,
                TextBody = $"{headline}\n\nDeadline: {@case.DueAt:yyyy-MM-dd HH:mm} UTC\nCase: /cases/{@case.Id}\n",
                Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now,
            });
            count++;
        }
        return count;
    }

    private static string Body(WebhookFormat format, Case @case, string target, string? team, string headline) => format switch
    {
        WebhookFormat.Slack => new JsonObject { ["text"] = AlertPayloads.SlackEscape(headline) }.ToJsonString(),
        WebhookFormat.Teams => new JsonObject
        {
            ["@type"] = "MessageCard", ["@context"] = "https://schema.org/extensions", ["summary"] = AlertPayloads.TeamsEscape(headline),
            ["text"] = AlertPayloads.TeamsEscape(headline),
        }.ToJsonString(),
        _ => JsonSerializer.Serialize(new
        {
            type = EventType,
            @case = new { id = @case.Id, subject = @case.Subject, team, target, due_at = @case.DueAt, status = @case.Status.WireName(), breaches = @case.Breaches },
        }),
    };
}
