namespace Earshot.Core.Access;

/// <summary>
/// A personal API token. Only its SHA-256 is stored: the token is shown once, when created. Tokens are long random
/// strings, so a fast hash is enough (no password stretching needed) and lookups stay one index probe.
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    /// <summary>The token's first characters, to tell tokens apart in lists.</summary>
    public required string Prefix { get; set; }
    /// <summary>"read" or "write" (write includes read).</summary>
    public string Scope { get; set; } = TokenScopes.Write;
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

public static class TokenScopes
{
    public const string Read = "read";
    public const string Write = "write";
}
