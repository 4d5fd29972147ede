using Earshot.Core.Workspaces;

namespace Earshot.Core.Alerts;

/// <summary>
/// One incident on one topic (a volume or negativity spike, an emerging term, a silence): opened by the live
/// detector, updated while it lasts, closed when it subsides or by a person. At most one alert of a kind is
/// open per topic, which is what makes one incident one alert.
/// </summary>
public sealed class Alert : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid? TopicId { get; set; }
    /// <summary>See <see cref="Detection.DetectionKinds.Name(Detection.DetectionKind)"/>.</summary>
    public required string Kind { get; set; }
    /// <summary><see cref="AlertStatus.Open"/> or <see cref="AlertStatus.Closed"/>.</summary>
    public required string Status { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>Posts (negative posts for a negativity spike) since the alert started.</summary>
    public int Count { get; set; }
    /// <summary>Peak, expected and observed window, score, top terms and up to five example posts (<see cref="AlertDetails"/>).</summary>
    public string DetailsJson { get; set; } = "{}";
    public DateTime? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedBy { get; set; }
    /// <summary>Until then, updates are not sent to webhooks or e-mail; the alert itself stays open.</summary>
    public DateTime? SnoozedUntil { get; set; }
    /// <summary>The incident case opened for this alert in the owning team's queue, if someone opened one.</summary>
    public Guid? IncidentCaseId { get; set; }
}

public static class AlertStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
}
