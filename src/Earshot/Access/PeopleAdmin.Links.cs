using System.Security.Cryptography;
using Earshot.Core.Access;
using Earshot.Core.Workspaces;
using Earshot.Engine.Audit;

namespace Earshot.Access;

public sealed partial class PeopleAdmin
{
    /// <summary>Where a set-password link points; the token goes in its query.</summary>
    public const string SetPasswordPath = "/account/set-password";

    public static string LinkPath(string token) => $"{SetPasswordPath}?token={Uri.EscapeDataString(token)}";

    /// <summary>A new random token for the user's one outstanding link (replacing any earlier one); only its hash is kept.</summary>
    private static string NewLink(User user, DateTime expiresAt)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        user.SetPasswordTokenHash = UserAccounts.HashToken(token);
        user.SetPasswordTokenExpiresAt = expiresAt;
        return token;
    }

    public enum LinkState { Usable, Unknown, Expired }

    /// <summary>Whether a link can still be used, and whose it is (for the page to greet them).</summary>
    public async Task<(LinkState State, string? Email)> CheckLinkAsync(string? token, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await FindByLinkAsync(db, token, cancellationToken);
        if (user is null)
            return (LinkState.Unknown, null);
        return user.SetPasswordTokenExpiresAt <= clock.GetUtcNow().UtcDateTime ? (LinkState.Expired, user.Email) : (LinkState.Usable, user.Email);
    }

    /// <summary>
    /// Sets the password of the link's user and uses the link up. Their sign-ins end (a new stamp), as with any new
    /// password; they then sign in with it. Refusals name "token" (unknown, used or expired) or "password".
    /// </summary>
    public async Task<(string? Email, Refusal? Refusal)> SetPasswordAsync(string? token, string? password, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await FindByLinkAsync(db, token, cancellationToken);
        if (user is null)
            return (null, new Refusal("token", new Phrase("this link is not valid or has been used; ask your lead for a new one")));
        if (user.SetPasswordTokenExpiresAt <= clock.GetUtcNow().UtcDateTime)
            return (null, new Refusal("token", new Phrase("this link has expired; ask your lead for a new one")));
        if (UserAccounts.Validate(user.Email, user.Role, password ?? "").TryGetValue("password", out var problems) || string.IsNullOrEmpty(password))
            return (null, new Refusal("password", problems?[0] ?? new Phrase("use at least 8 characters")));
        user.PasswordHash = UserAccounts.HashPassword(user, password);
        user.SetPasswordTokenHash = null;
        user.SetPasswordTokenExpiresAt = null;
        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.SecurityStamp = User.NewSecurityStamp();
        _audit.Add(db, AuditKinds.PasswordChanged, AuditActor.User(user.Id), null, new { user = user.Email, via = "set-password link" });
        await db.SaveChangesAsync(cancellationToken);
        return (user.Email, null);
    }

    private static async Task<User?> FindByLinkAsync(EarshotDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
            return null;
        var hash = UserAccounts.HashToken(token);
        // Deactivated people's links do not work: deactivation must keep them out.
        return await db.Users.FirstOrDefaultAsync(u => u.SetPasswordTokenHash == hash && u.DeactivatedAt == null, cancellationToken);
    }
}
