using Earshot.Core.Access;
using Earshot.Core.Workspaces;

namespace Earshot.Access;

public sealed partial class PeopleAdmin
{
    /// <summary>What to change; null leaves it as it is. Workspaces replace the ones the manager can see (others stay).</summary>
    public sealed record Changes(string? Role = null, IReadOnlyList<string>? Workspaces = null, int? Capacity = null, bool? Active = null, string? Name = null);

    public async Task<(User? User, Refusal? Refusal)> UpdateAsync(Manager manager, Guid userId, Changes changes, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
            return (null, new Refusal("id", new Phrase("no user with that id among the people you manage"), RefusalKind.NotFound));
        if (Forbidden(manager, user) is { } forbidden)
            return (null, forbidden);
        if (changes.Role is not null && !Roles.All.Contains(changes.Role))
            return (null, new Refusal("role", new Phrase("'{0}' is not a role; use one of {1}", changes.Role, string.Join(", ", Roles.All))));
        if (changes.Role is not null && !manager.IsAdmin && changes.Role is not (Roles.Agent or Roles.Analyst))
            return (null, new Refusal("role", new Phrase("a lead may make people agents or analysts only; ask an admin"), RefusalKind.Forbidden));
        if (changes.Capacity is < 0 or > MaxCapacity)
            return (null, new Refusal("capacity", new Phrase("0 to {0} cases", MaxCapacity)));
        if (changes.Name is { } name && (name.Trim().Length == 0 || name.Length > 200))
            return (null, new Refusal("name", new Phrase("a name of 1 to 200 characters")));
        var demoted = user.Role == Roles.Admin && changes.Role is { } role && role != Roles.Admin;
        var deactivated = user.DeactivatedAt is null && changes.Active == false;
        if (user.Role == Roles.Admin && user.DeactivatedAt is null && (demoted || deactivated)
            && !await db.Users.AnyAsync(u => u.Role == Roles.Admin && u.DeactivatedAt == null && u.Id != user.Id, cancellationToken))
            return (null, new Refusal(demoted ? "role" : "active", new Phrase("{0} is the last active admin; make someone else an admin first", user.Email), RefusalKind.Conflict));

        var actor = manager.Actor;
        if (changes.Role is { } newRole && newRole != user.Role)
        {
            _audit.Add(db, AuditKinds.RoleChanged, actor, null, new { user = user.Email, before = user.Role, after = newRole });
            user.Role = newRole;
            user.SecurityStamp = User.NewSecurityStamp();
        }
        if (changes.Capacity is { } capacity && capacity != user.Capacity)
        {
            _audit.Add(db, AuditKinds.CapacityChanged, actor, null, new { user = user.Email, before = user.Capacity, after = capacity });
            user.Capacity = capacity;
        }
        if (changes.Name is { } newName && newName.Trim() != user.DisplayName)
            user.DisplayName = newName.Trim();
        if (changes.Active is { } active && active != (user.DeactivatedAt is null))
        {
            user.DeactivatedAt = active ? null : clock.GetUtcNow().UtcDateTime;
            user.SecurityStamp = User.NewSecurityStamp();
            _audit.Add(db, active ? AuditKinds.Reactivated : AuditKinds.Deactivated, actor, null, new { user = user.Email });
        }
        if (changes.Workspaces is { } names && await SetWorkspacesAsync(db, manager, user, names, cancellationToken) is { } refused)
            return (null, refused);
        await db.SaveChangesAsync(cancellationToken);
        return (user, null);
    }

    /// <summary>
    /// Leads manage agents and analysts only (the filter already hides people who share none of their workspaces); an
    /// admin manages everyone.
    /// </summary>
    private static Refusal? Forbidden(Manager manager, User user) =>
        manager.IsAdmin || user.Role is Roles.Agent or Roles.Analyst
            ? null
            : new Refusal("id", user.Role == Roles.Admin
                ? new Phrase("{0} is an admin; only an admin may change them", user.Email)
                : new Phrase("{0} is a lead; only an admin may change them", user.Email), RefusalKind.Forbidden);

    /// <summary>Makes the user's memberships among the workspaces the manager sees exactly <paramref name="names"/>; leaving a workspace leaves its teams.</summary>
    private async Task<Refusal?> SetWorkspacesAsync(EarshotDbContext db, Manager manager, User user, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var (resolved, refusal) = await WorkspacesAsync(db, manager, names, cancellationToken);
        if (resolved is not { } wanted)
            return refusal;
        var current = await db.WorkspaceMembers.Where(m => m.UserId == user.Id)
            .Join(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new { Member = m, w.Name }).ToListAsync(cancellationToken);
        foreach (var (id, name) in wanted.Where(w => current.All(c => c.Member.WorkspaceId != w.Id)))
        {
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = id, UserId = user.Id });
            _audit.Add(db, AuditKinds.WorkspaceMemberAdded, manager.Actor, id, new { user = user.Email, workspace = name });
        }
        foreach (var gone in current.Where(c => wanted.All(w => w.Id != c.Member.WorkspaceId) && manager.InWorkspace(c.Member.WorkspaceId)))
        {
            db.WorkspaceMembers.Remove(gone.Member);
            var teams = await db.TeamMembers.Where(m => m.UserId == user.Id)
                .Join(db.Teams.Where(t => t.WorkspaceId == gone.Member.WorkspaceId), m => m.TeamId, t => t.Id, (m, t) => m).ToListAsync(cancellationToken);
            db.TeamMembers.RemoveRange(teams);
            _audit.Add(db, AuditKinds.WorkspaceMemberRemoved, manager.Actor, gone.Member.WorkspaceId, new { user = user.Email, workspace = gone.Name, teams_left = teams.Count });
        }
        return null;
    }

    /// <summary>
    /// Issues a new set-password link for the user and ends their sign-ins and their old password at once: the reset
    /// is for a forgotten or exposed password, so neither may keep working. Their API tokens are not touched.
    /// </summary>
    public async Task<(string? Token, Refusal? Refusal)> ResetPasswordAsync(Manager manager, Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
            return (null, new Refusal("id", new Phrase("no user with that id among the people you manage"), RefusalKind.NotFound));
        if (Forbidden(manager, user) is { } forbidden)
            return (null, forbidden);
        if (user.DeactivatedAt is not null)
            return (null, new Refusal("active", new Phrase("{0} is deactivated; reactivate them first", user.Email), RefusalKind.Conflict));
        var token = NewLink(user, clock.GetUtcNow().UtcDateTime + ResetLifetime);
        user.PasswordHash = null;
        user.SecurityStamp = User.NewSecurityStamp();
        _audit.Add(db, AuditKinds.PasswordResetIssued, manager.Actor, null, new { user = user.Email, expires_at = user.SetPasswordTokenExpiresAt });
        await db.SaveChangesAsync(cancellationToken);
        return (token, null);
    }

    /// <summary>The user's id by e-mail, as the manager sees them (for the command line and forms that name people).</summary>
    public async Task<Guid?> FindAsync(string? email, CancellationToken cancellationToken)
    {
        var address = email?.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Email == address).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
