namespace Earshot.Core.Workspaces;

/// <summary>A user belongs to a workspace and sees its posts, cases and reports.</summary>
public sealed class WorkspaceMember : IWorkspaceOwned
{
    public Guid WorkspaceId { get; set; }
    public Guid UserId { get; set; }
}

/// <summary>A user works a team's cases; a lead is told about its SLA breaches.</summary>
public sealed class TeamMember
{
    public Guid TeamId { get; set; }
    public Guid UserId { get; set; }
    public bool IsLead { get; set; }
}
