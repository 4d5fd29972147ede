using System.Security.Cryptography;
using System.Text;

namespace Earshot.Storage.Ingest;

/// <summary>
/// Ids derived from natural keys, so every writer (another process, a later broker consumer) computes the same id
/// without asking the database first.
/// </summary>
public static class StableIds
{
    public static Guid Author(Guid channelId, string handle)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(handle.Length)];
        channelId.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(handle.ToLowerInvariant(), input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input[..length], hash);
        // RFC 9562 version 8 (custom) and the RFC variant bits.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
