namespace Earshot.Core.Workspaces;

public sealed class Team : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    public AssignmentMode Assignment { get; set; } = AssignmentMode.Manual;
    /// <summary>Round-robin's place: the agent who got the last case.</summary>
    public Guid? LastAssignedUserId { get; set; }
    /// <summary>Where alerts on the team's topics are e-mailed (a list address); none when null.</summary>
    public string? AlertEmail { get; set; }
}

public enum AssignmentMode
{
    /// <summary>Cases wait in the queue; agents take them with "next case" or a lead assigns them.</summary>
    Manual,
    RoundRobin,
    LeastLoaded,
}
