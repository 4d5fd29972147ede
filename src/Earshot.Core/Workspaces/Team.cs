namespace Earshot.Core.Workspaces;

public sealed class Team
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    /// <summary>Where alerts on the team's topics are e-mailed (a list address); none when null.</summary>
    public string? AlertEmail { get; set; }
}
