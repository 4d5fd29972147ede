using Earshot.Core.Access;
using Earshot.Core.Workspaces;
using Earshot.Engine.Audit;

namespace Earshot.Access;

/// <summary>
/// Who a change to people or teams comes from: a signed-in admin or lead (their role and workspaces), or the command
/// line, which acts as an admin. Leads manage agents and analysts in their own workspaces only.
/// </summary>
public sealed record Manager(Guid? UserId, string Role, IReadOnlySet<Guid>? WorkspaceIds, bool CommandLine = false)
{
    public static Manager Cli { get; } = new(null, Roles.Admin, null, CommandLine: true);

    public bool IsAdmin => Role == Roles.Admin;

    public AuditActor Actor => CommandLine ? AuditActor.Cli : AuditActor.User(UserId);

    public bool InWorkspace(Guid workspaceId) => WorkspaceIds is null || WorkspaceIds.Contains(workspaceId);

    public static async Task<Manager> OfAsync(AccessScope scope, CancellationToken cancellationToken) =>
        new(scope.UserId, scope.Role, await scope.WorkspaceIdsAsync(cancellationToken));
}

public enum RefusalKind { Invalid, Forbidden, NotFound, Conflict }

/// <summary>
/// Why a change was refused, naming the field at fault (endpoints answer 400/403/404/409). An invalid form may name
/// several fields at once (<see cref="Fields"/>), so one answer lists everything to fix. Messages are phrases, said in
/// the reader's language by the page or endpoint that shows them.
/// </summary>
public sealed record Refusal(string Field, Phrase Message, RefusalKind Kind = RefusalKind.Invalid)
{
    public IReadOnlyDictionary<string, Phrase[]> Fields { get; private init; } = new Dictionary<string, Phrase[]> { [Field] = [Message] };

    public static Refusal Invalid(Dictionary<string, Phrase[]> errors) => new(errors.Keys.First(), errors.Values.First()[0]) { Fields = errors };

    public int Status => Kind switch
    {
        RefusalKind.Forbidden => 403,
        RefusalKind.NotFound => 404,
        RefusalKind.Conflict => 409,
        _ => 400,
    };
}

/// <summary>
/// Managing people: create or invite, change role, workspaces, capacity and activity, and issue set-password links. Used
/// by <c>/api/users</c>, the /users page and <c>earshot users</c> alike, so all three follow the same rules:
/// admins manage everyone; a lead manages agents and analysts who share one of the lead's workspaces, never makes
/// anyone an admin or lead, and never adds anyone to a workspace the lead is not in; nobody deactivates or demotes the
/// last active admin. Every change that must end a user's sign-ins (role, deactivation, password reset) gives them a
/// new security stamp, and every change is audited with who made it. Reads go through the caller's workspace filter.
/// </summary>
public sealed partial class PeopleAdmin(IDbContextFactory<EarshotDbContext> contexts, TimeProvider clock)
{
    public const int MaxCapacity = 1000;
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromDays(1);

    private readonly AuditLog _audit = new(contexts, clock);

    public sealed record Person(
        Guid Id, string Email, string Name, string Role, IReadOnlyList<string> Workspaces, IReadOnlyList<string> Teams,
        int Capacity, bool Available, bool Active, DateTime? LastSignInAt, bool Invited);

    /// <summary>The people the manager may see (everyone, for an admin), with only the workspaces and teams the manager sees.</summary>
    public async Task<IReadOnlyList<Person>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var workspaces = await db.WorkspaceMembers.AsNoTracking()
            .Join(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new { m.UserId, w.Name }).ToListAsync(cancellationToken);
        var teams = await db.TeamMembers.AsNoTracking()
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { m.UserId, t.Name, m.IsLead }).ToListAsync(cancellationToken);
        return users.Select(u => new Person(u.Id, u.Email, u.DisplayName, u.Role,
            workspaces.Where(w => w.UserId == u.Id).Select(w => w.Name).Order(StringComparer.Ordinal).ToList(),
            teams.Where(t => t.UserId == u.Id).Select(t => t.IsLead ? t.Name + " (lead)" : t.Name).Order(StringComparer.Ordinal).ToList(),
            u.Capacity, u.Available, u.DeactivatedAt is null, u.LastSignInAt, u.PasswordHash is null && u.SetPasswordTokenHash is not null)).ToList();
    }

    public sealed record NewPerson(string? Email, string? Name, string? Role, IReadOnlyList<string>? Workspaces, int? Capacity, string? Password);

    /// <summary>A created user, and the one-time set-password link's token when they were invited (no password given).</summary>
    public sealed record Created(User User, string? SetPasswordToken);

    public async Task<(Created? Created, Refusal? Refusal)> CreateAsync(Manager manager, NewPerson person, CancellationToken cancellationToken)
    {
        var errors = UserAccounts.Validate(person.Email, person.Role, person.Password);
        if (errors.Count > 0)
            return (null, new Refusal(errors.Keys.First(), errors.Values.First()[0]));
        if (person.Capacity is < 0 or > MaxCapacity)
            return (null, new Refusal("capacity", new Phrase("0 to {0} cases", MaxCapacity)));
        if (!manager.IsAdmin && person.Role is not (Roles.Agent or Roles.Analyst))
            return (null, new Refusal("role", new Phrase("a lead may add agents and analysts; ask an admin for leads and admins"), RefusalKind.Forbidden));
        var email = person.Email!.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (workspaceIds, refusal) = await WorkspacesAsync(db, manager, person.Workspaces ?? [], cancellationToken);
        if (refusal is not null)
            return (null, refusal);
        // Another workspace's user is invisible here: ask the database itself whether the address is taken.
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.Email == email, cancellationToken))
            return (null, new Refusal("email", new Phrase("'{0}' already has an account", email), RefusalKind.Conflict));
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Email = email, Role = person.Role!, CreatedAt = now, Capacity = person.Capacity ?? 10,
            DisplayName = string.IsNullOrWhiteSpace(person.Name) ? NameFromEmail(email) : person.Name.Trim(),
        };
        string? token = null;
        if (person.Password is not null)
            user.PasswordHash = UserAccounts.HashPassword(user, person.Password);
        else
            token = NewLink(user, now + InvitationLifetime);
        db.Users.Add(user);
        _audit.Add(db, AuditKinds.UserCreated, manager.Actor, null, new { user = email, role = user.Role, invited = token is not null, capacity = user.Capacity });
        foreach (var (id, name) in workspaceIds!)
        {
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = id, UserId = user.Id });
            _audit.Add(db, AuditKinds.WorkspaceMemberAdded, manager.Actor, id, new { user = email, workspace = name });
        }
        await db.SaveChangesAsync(cancellationToken);
        return (new Created(user, token), null);
    }

    /// <summary>Resolves workspace names to ids the manager may add people to. A lead must name at least one of theirs.</summary>
    private static async Task<(List<(Guid Id, string Name)>? Ids, Refusal? Refusal)> WorkspacesAsync(
        EarshotDbContext db, Manager manager, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (!manager.IsAdmin && wanted.Count == 0)
            return (null, new Refusal("workspaces", new Phrase("choose at least one of your workspaces")));
        var found = await db.Workspaces.AsNoTracking().Where(w => wanted.Contains(w.Name)).Select(w => new { w.Id, w.Name }).ToListAsync(cancellationToken);
        var missing = wanted.Except(found.Where(w => manager.InWorkspace(w.Id)).Select(w => w.Name), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            return manager.IsAdmin
                ? (null, new Refusal("workspaces", new Phrase("no workspace {0}; create it first", string.Join(", ", missing.Select(m => $"'{m}'")))))
                : (null, new Refusal("workspaces", new Phrase("you may add people only to workspaces you belong to, and {0} is not one of them", string.Join(", ", missing.Select(m => $"'{m}'"))), RefusalKind.Forbidden));
        return (found.Select(w => (w.Id, w.Name)).ToList(), null);
    }

    private static string NameFromEmail(string email)
    {
        var local = email.Split('@')[0].Replace('.', ' ');
        return local.Length == 0 ? email : char.ToUpperInvariant(local[0]) + local[1..];
    }
}
