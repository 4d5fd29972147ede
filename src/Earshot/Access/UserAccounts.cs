using System.Security.Cryptography;
using Earshot.Core.Access;
using Earshot.Core.Workspaces;
using Microsoft.AspNetCore.Identity;

namespace Earshot.Access;

/// <summary>
/// Users, passwords and API tokens: used by the CLI (`earshot users add`, `earshot tokens create`), the login page
/// and the bearer-token handler, so all three follow the same rules.
/// </summary>
public sealed class UserAccounts(IDbContextFactory<EarshotDbContext> contexts, TimeProvider clock)
{
    public const int MaxFailedLogins = 5;
    private readonly UnknownAccountLockouts _unknown = new(clock);
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(5);
    private const string TokenPrefix = "esk_";

    private static readonly PasswordHasher<User> Hasher = new();

    public sealed record AddResult(User? User, Dictionary<string, string[]> Errors);

    /// <summary>Creates a user (or changes the role and password of an existing one) and adds them to the workspace.</summary>
    public async Task<AddResult> AddAsync(string email, string role, string? password, string? workspace, string? displayName, CancellationToken cancellationToken)
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
                db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspaceId.Value, UserId = user.Id });
        }
        await db.SaveChangesAsync(cancellationToken);
        return new AddResult(user, errors);
    }

    public static Dictionary<string, string[]> Validate(string? email, string? role, string? password)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) || email.Length > 320)
            errors["email"] = ["give an e-mail address such as ana@brand.example"];
        if (role is null || !Roles.All.Contains(role))
            errors["role"] = [$"'{role}' is not a role; use one of {string.Join(", ", Roles.All)}"];
        if (password is not null && password.Length < 8)
            errors["password"] = ["use at least 8 characters"];
        return errors;
    }

    public enum SignInResult { Ok, Wrong, Locked }

    /// <summary>Checks a password; five failures in a row lock the account for five minutes.</summary>
    public async Task<(SignInResult Result, User? User)> CheckPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        email = email.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (user?.PasswordHash is null)
        {
            // Answer as an account would, in the same time, so neither the answer nor its timing reveals which exist.
            if (_unknown.IsLocked(email))
                return (SignInResult.Locked, null);
            Hasher.VerifyHashedPassword(new User { Email = email }, DummyHash, password);
            _unknown.RecordFailure(email, MaxFailedLogins, Lockout);
            return (SignInResult.Wrong, null);
        }
        if (user.LockedUntil > now)
            return (SignInResult.Locked, null);
        var verdict = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            user.FailedLogins++;
            if (user.FailedLogins >= MaxFailedLogins)
            {
                user.LockedUntil = now + Lockout;
                user.FailedLogins = 0;
            }
            await db.SaveChangesAsync(cancellationToken);
            return (SignInResult.Wrong, null);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            user.PasswordHash = Hasher.HashPassword(user, password);
        user.FailedLogins = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        return (SignInResult.Ok, user);
    }

    private static readonly string DummyHash = Hasher.HashPassword(new User { Email = "nobody@example.invalid" }, "not a password");

    /// <summary>Creates a token and returns it; only its hash is kept.</summary>
    public async Task<(string? Token, ApiToken? Row, string? Error)> CreateTokenAsync(string email, string name, string scope, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            return (null, null, "give the token a name of 1 to 200 characters");
        if (scope is not (TokenScopes.Read or TokenScopes.Write))
            return (null, null, $"'{scope}' is not a scope; use read or write");
        email = email.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
            return (null, null, $"no user '{email}'; create one with `earshot users add`");
        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var row = new ApiToken
        {
            UserId = user.Id, Name = name.Trim(), Hash = HashToken(token), Prefix = token[..10], Scope = scope,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return (token, row, null);
    }

    public async Task<bool> RevokeTokenAsync(Guid tokenId, Guid? ownerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var revoked = await db.ApiTokens
            .Where(t => t.Id == tokenId && t.RevokedAt == null && (ownerId == null || t.UserId == ownerId))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        return revoked > 0;
    }

    /// <summary>The user and scope behind a bearer token, or null when it is unknown or revoked.</summary>
    public async Task<(User User, string Scope)?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 100)
            return null;
        var hash = HashToken(token);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.RevokedAt == null)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, User = u })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
            return null;
        var now = clock.GetUtcNow().UtcDateTime;
        // Record use at most once a minute: a busy integration should not turn every read into a write.
        if (found.Token.LastUsedAt is null || now - found.Token.LastUsedAt > TimeSpan.FromMinutes(1))
            await db.ApiTokens.Where(t => t.Id == found.Token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        return (found.User, found.Token.Scope);
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string NameFromEmail(string email)
    {
        var local = email.Split('@')[0].Replace('.', ' ');
        return local.Length == 0 ? email : char.ToUpperInvariant(local[0]) + local[1..];
    }
}
