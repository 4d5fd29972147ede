using System.Globalization;
using System.Text;
using Earshot.Connectors.Shared;

namespace Earshot.Connectors.Intake;

public enum IntakeVerdict
{
    Valid,
    /// <summary>No timestamp or signature header: the sender does not sign (401).</summary>
    Missing,
    /// <summary>Headers present but unreadable (401).</summary>
    Malformed,
    /// <summary>Signed more than <see cref="IntakeSignature.Tolerance"/> ago or ahead: a replay or a broken clock (403).</summary>
    Stale,
    /// <summary>Signed with another secret, or the body was changed on the way (403).</summary>
    Mismatch,
}

/// <summary>
/// `X-Earshot-Signature: sha256=HMAC-SHA256(secret, timestamp + "." + raw body)` with `X-Earshot-Timestamp` in Unix
/// seconds. Signing the timestamp bounds replays to the tolerance window; within it a replay stores nothing new:
/// ingestion is idempotent on (channel, id), and the signed time becomes the version's time, so a replayed older
/// message never overwrites a newer edit (see IncomingPost.RevisedAt).
/// </summary>
public static class IntakeSignature
{
    public const string TimestampHeader = "X-Earshot-Timestamp";
    public const string SignatureHeader = "X-Earshot-Signature";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        HmacSignature.Compute(secret, Prefix(timestamp.ToString(CultureInfo.InvariantCulture)), body);

    public static IntakeVerdict Check(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
            return IntakeVerdict.Missing;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !HmacSignature.TryParse(signature, out var claimed))
            return IntakeVerdict.Malformed;
        // Checked before the HMAC so a stale request costs no hashing, and after parsing so garbage is "malformed".
        var age = now.ToUnixTimeSeconds() - seconds;
        if (Math.Abs(age) > Tolerance.TotalSeconds)
            return IntakeVerdict.Stale;
        return HmacSignature.Matches(secret, Prefix(timestamp), body, claimed) ? IntakeVerdict.Valid : IntakeVerdict.Mismatch;
    }

    private static byte[] Prefix(string timestamp) => Encoding.ASCII.GetBytes(timestamp + ".");
}
