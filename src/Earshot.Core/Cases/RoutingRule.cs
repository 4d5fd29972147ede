using Earshot.Core.Workspaces;

namespace Earshot.Core.Cases;

/// <summary>
/// Sends matching cases to a team. Every condition that is set must hold (an empty list means "any"); rules are
/// tried in <see cref="Position"/> order and the first match wins.
/// </summary>
public sealed class RoutingRule : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public Guid TeamId { get; set; }
    public List<Guid> TopicIds { get; set; } = [];
    public List<string> Intents { get; set; } = [];
    public List<string> Severities { get; set; } = [];
    public List<string> ChannelKinds { get; set; } = [];
    public List<string> Languages { get; set; } = [];
    public bool Enabled { get; set; } = true;
}
