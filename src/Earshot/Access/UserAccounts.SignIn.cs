using Earshot.Core.Access;
using Earshot.Core.Workspaces;
using Earshot.Engine.Audit;
using Microsoft.AspNetCore.Identity;

namespace Earshot.Access;

public sealed partial class UserAccounts
{
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(5);

    private readonly UnknownAccountLockouts _unknown = new(clock);

    public enum SignInResult { Ok, Wrong, Locked }

    /// <summary>Why a sign-in failed, as the audit log records it (the person signing in is told only "wrong" or "locked").</summary>
    private static class Failure
    {
        public const string UnknownAccount = "unknown_account";
        public const string WrongPassword = "wrong_password";
        public const string Locked = "locked";
        public const string Deactivated = "deactivated";
    }

    /// <summary>
    /// Checks a password; five failures in a row lock the account for five minutes. A deactivated account answers as a
    /// wrong password would. Every attempt is audited with the address it came from (never the password).
    /// </summary>
    public async Task<(SignInResult Result, User? User)> CheckPasswordAsync(string email, string password, string? remoteAddress, CancellationToken cancellationToken)
    {
        email = email.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        (SignInResult, User?) Failed(string reason)
        {
            _audit.Add(db, AuditKinds.SignInFailed, AuditActor.Unknown, null, new { email, remote_address = remoteAddress, reason });
            return (reason == Failure.Locked ? SignInResult.Locked : SignInResult.Wrong, null);
        }
        if (user?.PasswordHash is null)
        {
            // Answer as an account would, in the same time, so neither the answer nor its timing reveals which exist.
            if (_unknown.IsLocked(email))
                return await SaveAsync(db, Failed(Failure.Locked), cancellationToken);
            Hasher.VerifyHashedPassword(new User { Email = email }, DummyHash, password);
            _unknown.RecordFailure(email, MaxFailedLogins, Lockout);
            var failed = Failed(Failure.UnknownAccount);
            if (_unknown.IsLocked(email))
                _audit.Add(db, AuditKinds.LockedOut, AuditActor.Unknown, null, new { email, remote_address = remoteAddress, until = now + Lockout, account = false });
            return await SaveAsync(db, failed, cancellationToken);
        }
        if (user.LockedUntil > now)
            return await SaveAsync(db, Failed(Failure.Locked), cancellationToken);
        var verdict = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (user.DeactivatedAt is not null)
            return await SaveAsync(db, Failed(Failure.Deactivated), cancellationToken);
        if (verdict == PasswordVerificationResult.Failed)
        {
            user.FailedLogins++;
            if (user.FailedLogins >= MaxFailedLogins)
            {
                user.LockedUntil = now + Lockout;
                user.FailedLogins = 0;
                _audit.Add(db, AuditKinds.LockedOut, AuditActor.User(user.Id), null, new { email, remote_address = remoteAddress, until = user.LockedUntil, account = true });
            }
            return await SaveAsync(db, Failed(Failure.WrongPassword), cancellationToken);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            user.PasswordHash = Hasher.HashPassword(user, password);
        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.LastSignInAt = now;
        _audit.Add(db, AuditKinds.SignIn, AuditActor.User(user.Id), null, new { email, remote_address = remoteAddress });
        return await SaveAsync(db, (SignInResult.Ok, user), cancellationToken);
    }

    private static async Task<(SignInResult, User?)> SaveAsync(EarshotDbContext db, (SignInResult, User?) outcome, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }

    private static readonly string DummyHash = Hasher.HashPassword(new User { Email = "nobody@example.invalid" }, "not a password");
}
