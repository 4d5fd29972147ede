using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Earshot.Connectors.WebChat;

/// <summary>Who is chatting, as the server vouches for it in a session token. No database row: the token is the session.</summary>
public sealed record VisitorSession(
    Guid ChannelId, string Conversation, string Handle, string? Name, string? Email, bool Verified, DateTimeOffset ExpiresAt);

/// <summary>A logged-in customer as the brand's own server vouches for them (a token signed with the channel's secret).</summary>
public sealed record BrandVisitor(string Id, string? Email, string? Name, DateTimeOffset ExpiresAt);

public enum TokenVerdict
{
    Valid,
    /// <summary>Not two base64url parts, or a payload that is not the expected JSON.</summary>
    Malformed,
    /// <summary>Signed with another secret, or changed after signing.</summary>
    BadSignature,
    Expired,
    /// <summary>A session token of another channel (each channel has its own secret, so this is belt and braces).</summary>
    WrongChannel,
    /// <summary>A visitor token used as a session token or the other way round.</summary>
    WrongType,
}

/// <summary>
/// Tokens are `base64url(JSON claims) "." base64url(HMAC-SHA256(secret, purpose + "." + first part))`. The purpose
/// ("session" for ours, "visitor" for the brand's) is signed too, so one kind can never pass as the other. Claims are
/// checked only after the signature, in constant time, so a forger learns nothing from the answer.
/// </summary>
public static class WebChatTokens
{
    // The last second a DateTimeOffset can hold; a signed expiry past it is unreadable, not a 500.
    private const long MaxUnixSeconds = 253402300799;

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(30);
    private const string SessionPurpose = "session";
    private const string VisitorPurpose = "visitor";

    private sealed record SessionClaims(
        [property: JsonPropertyName("ch")] Guid ChannelId,
        [property: JsonPropertyName("conv")] string Conversation,
        [property: JsonPropertyName("h")] string Handle,
        [property: JsonPropertyName("n")] string? Name,
        [property: JsonPropertyName("e")] string? Email,
        [property: JsonPropertyName("v")] bool Verified,
        [property: JsonPropertyName("exp")] long Expires);

    private sealed record VisitorClaims(
        [property: JsonPropertyName("sub")] string? Id,
        [property: JsonPropertyName("email")] string? Email,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("exp")] long Expires);

    public static string IssueSession(string secret, VisitorSession session) =>
        Sign(secret, SessionPurpose, new SessionClaims(session.ChannelId, session.Conversation, session.Handle, session.Name,
            session.Email, session.Verified, session.ExpiresAt.ToUnixTimeSeconds()));

    public static TokenVerdict ReadSession(string secret, Guid channelId, string? token, DateTimeOffset now, out VisitorSession? session)
    {
        session = null;
        var verdict = Open<SessionClaims>(secret, SessionPurpose, token, out var claims);
        if (verdict != TokenVerdict.Valid)
            return verdict;
        if (claims!.Conversation is not { Length: > 0 } || claims.Handle is not { Length: > 0 } || claims.Expires > MaxUnixSeconds)
            return TokenVerdict.Malformed;
        if (claims.ChannelId != channelId)
            return TokenVerdict.WrongChannel;
        if (claims.Expires <= now.ToUnixTimeSeconds())
            return TokenVerdict.Expired;
        session = new VisitorSession(claims.ChannelId, claims.Conversation, claims.Handle, claims.Name, claims.Email, claims.Verified,
            DateTimeOffset.FromUnixTimeSeconds(claims.Expires));
        return TokenVerdict.Valid;
    }

    /// <summary>What a brand's server does to vouch for a signed-in customer (here for tests and for the README's example).</summary>
    public static string SignVisitor(string secret, BrandVisitor visitor) =>
        Sign(secret, VisitorPurpose, new VisitorClaims(visitor.Id, visitor.Email, visitor.Name, visitor.ExpiresAt.ToUnixTimeSeconds()));

    public static TokenVerdict ReadVisitor(string secret, string? token, DateTimeOffset now, out BrandVisitor? visitor)
    {
        visitor = null;
        var verdict = Open<VisitorClaims>(secret, VisitorPurpose, token, out var claims);
        if (verdict != TokenVerdict.Valid)
            return verdict;
        if (claims!.Id is not { Length: > 0 and <= 200 } || claims.Expires > MaxUnixSeconds)
            return TokenVerdict.Malformed;
        if (claims.Expires <= now.ToUnixTimeSeconds())
            return TokenVerdict.Expired;
        visitor = new BrandVisitor(claims.Id, claims.Email, claims.Name, DateTimeOffset.FromUnixTimeSeconds(claims.Expires));
        return TokenVerdict.Valid;
    }

    private static string Sign<T>(string secret, string purpose, T claims)
    {
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        return payload + "." + Base64Url.EncodeToString(Mac(secret, purpose, payload));
    }

    private static TokenVerdict Open<T>(string secret, string purpose, string? token, out T? claims) where T : class
    {
        claims = null;
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || token.Length > 4096 || dot <= 0 || dot == token.Length - 1)
            return TokenVerdict.Malformed;
        var payload = token[..dot];
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return TokenVerdict.Malformed;
        }
        if (!CryptographicOperations.FixedTimeEquals(Mac(secret, purpose, payload), signature))
        {
            // Tell a token of the other kind apart from a forgery: a clearer error, and nothing a forger could use.
            var other = purpose == SessionPurpose ? VisitorPurpose : SessionPurpose;
            return CryptographicOperations.FixedTimeEquals(Mac(secret, other, payload), signature) ? TokenVerdict.WrongType : TokenVerdict.BadSignature;
        }
        try
        {
            claims = JsonSerializer.Deserialize<T>(Base64Url.DecodeFromChars(payload));
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            return TokenVerdict.Malformed;
        }
        return claims is null ? TokenVerdict.Malformed : TokenVerdict.Valid;
    }

    private static byte[] Mac(string secret, string purpose, string payload) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(purpose + "." + payload));
}
