using System.Globalization;
using Earshot.Core.Workspaces;

namespace Earshot.Core.Posts;

/// <summary>A source of posts in a workspace: a connector instance, an import target or the API.</summary>
public sealed class Channel : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public ChannelKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>Connector settings as JSON; secrets inside are encrypted by the host before they get here.</summary>
    public string SettingsJson { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }

    /// <summary>Whether a connector runs for this channel (import and API channels have none).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A lead paused the channel: its connector does not run and a push channel refuses deliveries until it is
    /// resumed. Unlike removal (<see cref="Enabled"/> false), a paused channel stays listed with its settings.
    /// </summary>
    public bool Paused { get; set; }

    /// <summary>Where the connector resumes (a stream cursor, a since-id, an ETag…), in the connector's own format.</summary>
    public string? Cursor { get; set; }

    public ChannelHealth Health { get; set; } = new();
}

/// <summary>How a connector is doing, shown on the Channels page and by `earshot channels list`.</summary>
public sealed class ChannelHealth
{
    public DateTime? LastRunAt { get; set; }
    public DateTime? LastSuccessAt { get; set; }
    /// <summary>When a post last arrived on this channel.</summary>
    public DateTime? LastEventAt { get; set; }
    public string? LastError { get; set; }
    public DateTime? LastErrorAt { get; set; }
    public int ConsecutiveFailures { get; set; }
    /// <summary>What the network said about its rate limit on the last call ("remaining 448 of 450 until 10:15").</summary>
    public string? RateLimit { get; set; }
    public long PostsReceived { get; set; }
    /// <summary>Agents' replies the network accepted; pay-per-use networks (X) bill each one.</summary>
    public long RepliesSent { get; set; }

    /// <summary>
    /// A channel is failing once a run has failed since its last success (a channel that never succeeded and keeps
    /// failing is the worst case, not "ok"), and stalled when it has not succeeded for three intervals.
    /// </summary>
    public string? Warning(DateTime now, TimeSpan interval) =>
        ConsecutiveFailures > 0
            ? $"failing: {ConsecutiveFailures} failure{(ConsecutiveFailures == 1 ? "" : "s")} in a row, " + (LastSuccessAt is { } last
                ? string.Create(CultureInfo.InvariantCulture, $"last success {last:yyyy-MM-dd HH:mm} UTC")
                : "never succeeded")
        : LastSuccessAt is { } success && now - success > 3 * interval
            ? string.Create(CultureInfo.InvariantCulture, $"stalled: no successful fetch since {success:yyyy-MM-dd HH:mm} UTC")
        : null;
}
