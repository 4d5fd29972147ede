using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Earshot.Engine.Alerts.Delivery;

/// <summary>
/// How receivers know a request came from us: <c>X-Earshot-Signature: sha256=HEX</c>, the HMAC-SHA256 with the
/// webhook's secret of <c>timestamp + "." + body</c>, where the timestamp (unix seconds) is sent in
/// <c>X-Earshot-Timestamp</c> so a captured request cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Earshot-Timestamp";
    public const string SignatureHeader = "X-Earshot-Signature";
    public const string EventHeader = "X-Earshot-Event";
    /// <summary>Stable across retries of one delivery, so a receiver can drop a retry it already handled.</summary>
    public const string DeliveryHeader = "X-Earshot-Delivery";

    public static string Sign(string secret, long timestamp, string body)
    {
        var message = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>What a receiver checks: the signature matches and the timestamp is within the tolerance of now.</summary>
    public static bool Verify(string secret, string? timestamp, string? signature, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signature is null)
            return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
            return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
