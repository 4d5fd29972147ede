using System.Security.Cryptography;
using System.Text;

namespace Earshot.Connectors.Shared;

/// <summary>
/// The `sha256=&lt;hex&gt;` signatures that webhook senders put in a header: HMAC-SHA256 with a shared secret over the
/// exact bytes received. Computed over the raw request body, never over re-serialised JSON (escapes and key order
/// would change), and compared in constant time so a forger learns nothing from response timing.
/// </summary>
public static class HmacSignature
{
    public const string Prefix = "sha256=";

    public static string Compute(string secret, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return Prefix + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Whether the header is well-formed (`sha256=` and 64 hex digits).</summary>
    public static bool TryParse(string? header, out byte[] digest)
    {
        digest = [];
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length != Prefix.Length + 64)
            return false;
        try
        {
            digest = Convert.FromHexString(header.AsSpan(Prefix.Length));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool Matches(string secret, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, byte[] claimed)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return CryptographicOperations.FixedTimeEquals(hmac.GetHashAndReset(), claimed);
    }
}
