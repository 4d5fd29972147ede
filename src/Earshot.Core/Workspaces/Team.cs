namespace Earshot.Core.Workspaces;

public sealed class Team
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
}
