namespace Earshot.Access;

/// <summary>
/// Turns a `workspace` parameter into an id the caller may use: by name, or, when omitted, the caller's only
/// workspace (or "default"). A workspace the caller does not belong to is reported as not found, not forbidden,
/// so names of other brands do not leak.
/// </summary>
public sealed class WorkspaceResolver(EarshotDbContext db, AccessScope scope)
{
    public async Task<(Guid? Id, Phrase? Error)> ResolveAsync(string? name, CancellationToken cancellationToken)
    {
        var visible = await scope.WorkspaceIdsAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(name))
        {
            if (visible is { Count: 1 })
                return (visible.First(), null);
            name = Engine.Workspaces.WorkspaceDirectory.DefaultWorkspace;
        }
        var id = await db.Workspaces.Where(w => w.Name == name).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null || (visible is not null && !visible.Contains(id.Value)))
            return (null, new Phrase("no workspace '{0}' among yours", name));
        return (id, null);
    }
}
