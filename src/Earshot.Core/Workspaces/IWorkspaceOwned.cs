namespace Earshot.Core.Workspaces;

/// <summary>
/// Belongs to exactly one workspace. Storage filters every such entity by the caller's workspaces and refuses to
/// save one into a workspace the caller does not belong to.
/// </summary>
public interface IWorkspaceOwned
{
    Guid WorkspaceId { get; }
}
