using Earshot.Core.Access;
using Earshot.Core.Workspaces;
using Earshot.Engine.Audit;
using Microsoft.AspNetCore.Identity;

namespace Earshot.Access;

/// <summary>
/// Users, passwords and API tokens: used by the CLI (`earshot users add`, `earshot tokens create`), the login page
/// and the bearer-token handler, so all three follow the same rules. Every change that must end a user's sign-ins
/// (new role, new password, sign-out, deactivation) gives them a new security stamp, and each is audited.
/// </summary>
public sealed partial class UserAccounts(IDbContextFactory<EarshotDbContext> contexts, TimeProvider clock)
{
    private readonly AuditLog _audit = new(contexts, clock);

    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>Hashes a password as sign-in checks it (for <see cref="PeopleAdmin"/>).</summary>
    public static string HashPassword(User user, string password) => Hasher.HashPassword(user, password);

    public sealed record AddResult(User? User, Dictionary<string, Phrase[]> Errors);

    /// <summary>Creates a user (or changes the role and password of an existing one) and adds them to the workspace.</summary>
    public async Task<AddResult> AddAsync(
        string email, string role, string? password, string? workspace, string? displayName, AuditActor actor, CancellationToken cancellationToken)
    {
        var errors = Validate(email, role, password);
        if (errors.Count > 0)
            return new AddResult(null, errors);
        email = email.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
        {
            user = new User { Email = email, CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.Users.Add(user);
            _audit.Add(db, AuditKinds.UserCreated, actor, null, new { user = email, role });
        }
        else
        {
            if (user.Role != role)
            {
                _audit.Add(db, AuditKinds.RoleChanged, actor, null, new { user = email, before = user.Role, after = role });
                user.SecurityStamp = User.NewSecurityStamp();
            }
            if (password is not null)
            {
                _audit.Add(db, AuditKinds.PasswordChanged, actor, null, new { user = email });
                user.SecurityStamp = User.NewSecurityStamp();
            }
        }
        user.Role = role;
        user.DisplayName = string.IsNullOrWhiteSpace(displayName) ? (user.DisplayName.Length > 0 ? user.DisplayName : NameFromEmail(email)) : displayName.Trim();
        if (password is not null)
            user.PasswordHash = Hasher.HashPassword(user, password);
        if (workspace is not null)
        {
            var workspaceId = await db.Workspaces.Where(w => w.Name == workspace).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(cancellationToken);
            if (workspaceId is null)
            {
                var created = new Workspace { Name = workspace, BrandNames = [workspace], CreatedAt = clock.GetUtcNow().UtcDateTime };
                db.Workspaces.Add(created);
                workspaceId = created.Id;
            }
            if (!await db.WorkspaceMembers.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == user.Id, cancellationToken))
            {
                db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspaceId.Value, UserId = user.Id });
                _audit.Add(db, AuditKinds.WorkspaceMemberAdded, actor, workspaceId, new { user = email, workspace });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new AddResult(user, errors);
    }

    public static Dictionary<string, Phrase[]> Validate(string? email, string? role, string? password)
    {
        var errors = new Dictionary<string, Phrase[]>();
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) || email.Length > 320)
            errors["email"] = [new Phrase("give an e-mail address such as ana@brand.example")];
        if (role is null || !Roles.All.Contains(role))
            errors["role"] = [new Phrase("'{0}' is not a role; use one of {1}", role, string.Join(", ", Roles.All))];
        if (password is not null && password.Length < 8)
            errors["password"] = [new Phrase("use at least 8 characters")];
        return errors;
    }

    public enum ActivationResult { Changed, Unchanged, NoSuchUser }

    /// <summary>
    /// Deactivates a user (their sign-ins end at once, their tokens stop working, and they cannot sign in) or
    /// reactivates one (they sign in again with their password; their tokens work again unless revoked).
    /// </summary>
    public async Task<ActivationResult> SetActiveAsync(string email, bool active, AuditActor actor, CancellationToken cancellationToken)
    {
        email = email.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
            return ActivationResult.NoSuchUser;
        if ((user.DeactivatedAt is null) == active)
            return ActivationResult.Unchanged;
        user.DeactivatedAt = active ? null : clock.GetUtcNow().UtcDateTime;
        user.SecurityStamp = User.NewSecurityStamp();
        _audit.Add(db, active ? AuditKinds.Reactivated : AuditKinds.Deactivated, actor, null, new { user = email });
        await db.SaveChangesAsync(cancellationToken);
        return ActivationResult.Changed;
    }

    /// <summary>Ends every sign-in of the user at once (all their browsers), by giving them a new security stamp.</summary>
    public async Task SignOutEverywhereAsync(Guid userId, string? remoteAddress, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
            return;
        user.SecurityStamp = User.NewSecurityStamp();
        _audit.Add(db, AuditKinds.SignOut, AuditActor.User(userId), null, new { user = user.Email, remote_address = remoteAddress });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>What a cookie request checks against: the user as stored now, or null when gone. One primary-key lookup.</summary>
    public async Task<User?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new User
            {
                Id = u.Id, Email = u.Email, DisplayName = u.DisplayName, Role = u.Role, SecurityStamp = u.SecurityStamp, DeactivatedAt = u.DeactivatedAt,
                Language = u.Language, TimeZone = u.TimeZone,
            })
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static string NameFromEmail(string email)
    {
        var local = email.Split('@')[0].Replace('.', ' ');
        return local.Length == 0 ? email : char.ToUpperInvariant(local[0]) + local[1..];
    }
}
