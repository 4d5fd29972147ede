using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Earshot.Storage.Tenancy;

/// <summary>
/// The write half of the workspace filter: under a restriction, saving a workspace-owned row into (or moving it out
/// of) a workspace the caller does not belong to, or creating a workspace, fails before anything is written.
/// </summary>
internal static class WorkspaceWrites
{
    public static void Check(ChangeTracker changes)
    {
        if (WorkspaceScope.Current is null)
            return;
        foreach (var entry in changes.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;
            switch (entry.Entity)
            {
                case Workspace workspace:
                    if (entry.State == EntityState.Added)
                        throw new WorkspaceAccessException(workspace.Id);
                    WorkspaceScope.EnsureVisible(workspace.Id);
                    break;
                case IWorkspaceOwned owned:
                    WorkspaceScope.EnsureVisible(owned.WorkspaceId);
                    if (entry.State == EntityState.Modified)
                        WorkspaceScope.EnsureVisible(entry.Property(nameof(IWorkspaceOwned.WorkspaceId)).OriginalValue is Guid before ? before : owned.WorkspaceId);
                    break;
            }
        }
    }
}
