using Earshot.Core.Alerts.Detection;
using Earshot.Core.Alerts.Live;

namespace Earshot.Engine.Alerts;

/// <summary>Settings of live detection; the detector's own thresholds are in <see cref="WatchOptions.Detector"/>.</summary>
public sealed record AlertOptions
{
    public WatchOptions Watch { get; init; } = new();

    /// <summary>Stored posts this far back are replayed at start-up, so history forms the baseline.</summary>
    public TimeSpan RebuildWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// While posts flow, their own times say which minutes are complete; a topic with no new post for this long
    /// follows the clock instead, or a silence would never be noticed.
    /// </summary>
    public TimeSpan IdleAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How far behind the clock a quiet topic's minutes become final: posts from polled sources (RSS, Reddit) are
    /// stamped minutes before they arrive and must still count. Only closing and silence wait for it; openings are
    /// tried on unfinished minutes at once.
    /// </summary>
    public TimeSpan ClockLag { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often every topic is advanced without new posts (closing alerts, silence).</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(5);

    public WatchOptions For(Sensitivity sensitivity) =>
        Watch with { Detector = Watch.Detector with { Sensitivity = sensitivity } };
}

/// <summary>What the writer and the payloads need to know of a watched topic.</summary>
public sealed record AlertTopic(Guid Id, Guid WorkspaceId, string Name, Guid? TeamId, Sensitivity Sensitivity);
