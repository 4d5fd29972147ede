using System.Security.Cryptography;
using Earshot.Core.Access;
using Earshot.Engine.Audit;

namespace Earshot.Access;

public sealed partial class UserAccounts
{
    private const string TokenPrefix = "esk_";

    /// <summary>Creates a token and returns it; only its hash is kept.</summary>
    public async Task<(string? Token, ApiToken? Row, Phrase? Error)> CreateTokenAsync(
        string email, string name, string scope, AuditActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            return (null, null, new Phrase("give the token a name of 1 to 200 characters"));
        if (scope is not (TokenScopes.Read or TokenScopes.Write))
            return (null, null, new Phrase("'{0}' is not a scope; use read or write", scope));
        email = email.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
            return (null, null, new Phrase("no user '{0}'; create one with `earshot users add`", email));
        if (user.DeactivatedAt is not null)
            return (null, null, new Phrase("'{0}' is deactivated; reactivate them with `earshot users reactivate` first", email));
        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var row = new ApiToken
        {
            UserId = user.Id, Name = name.Trim(), Hash = HashToken(token), Prefix = token[..10], Scope = scope,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiTokens.Add(row);
        _audit.Add(db, AuditKinds.TokenCreated, actor, null, new { user = email, token_id = row.Id, name = row.Name, scope, prefix = row.Prefix });
        await db.SaveChangesAsync(cancellationToken);
        return (token, row, null);
    }

    public async Task<bool> RevokeTokenAsync(Guid tokenId, Guid? ownerId, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens
            .Where(t => t.Id == tokenId && t.RevokedAt == null && (ownerId == null || t.UserId == ownerId))
            .Select(t => new { t.Name, t.Prefix, Email = db.Users.Where(u => u.Id == t.UserId).Select(u => u.Email).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        if (token is null)
            return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var revoked = await db.ApiTokens
            .Where(t => t.Id == tokenId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        if (revoked == 0)
            return false;
        await _audit.WriteAsync(AuditKinds.TokenRevoked, actor, null, new { user = token.Email, token_id = tokenId, name = token.Name, prefix = token.Prefix }, cancellationToken);
        return true;
    }

    /// <summary>
    /// The user and scope behind a bearer token, or null when it is unknown, revoked, or its user is deactivated. The
    /// user (and so the role) is read from the database on every request.
    /// </summary>
    public async Task<(Core.Workspaces.User User, string Scope)?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 100)
            return null;
        var hash = HashToken(token);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.RevokedAt == null)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, User = u })
            .Where(pair => pair.User.DeactivatedAt == null)
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
}
