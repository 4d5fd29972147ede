using Earshot.Core.Workspaces;

namespace Earshot.Core.Alerts.Delivery;

/// <summary>An outbound webhook: where alert events are POSTed, signed with a shared secret.</summary>
public sealed class Webhook : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Url { get; set; }
    /// <summary>The signing secret, encrypted at rest (SecretBox); never shown again.</summary>
    public required string SecretProtected { get; set; }
    /// <summary>Comma-separated event types it receives (see <see cref="AlertEventTypes.Deliverable"/>).</summary>
    public required string Events { get; set; }
    /// <summary>Only alerts on topics this team owns; null for every alert of the workspace.</summary>
    public Guid? TeamId { get; set; }
    public WebhookFormat Format { get; set; }
    public DateTime CreatedAt { get; set; }

    public bool Receives(string eventType) =>
        Events.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(eventType, StringComparer.Ordinal);
}

/// <summary>The body shape: our own signed JSON, or a message Slack or Microsoft Teams shows as it is.</summary>
public enum WebhookFormat
{
    Generic,
    Slack,
    Teams,
}
