namespace Earshot.Storage.Search;

/// <summary>
/// A span of post time a search reads the full-text index in: posts written at or after <see cref="From"/> and
/// before the end of the second of <see cref="Through"/> (null: no bound). On SQLite the index's rows are keyed by
/// time (<see cref="KeyOf"/>), so the window becomes a key range the index reads alone; the caller keeps the exact
/// time condition on the posts themselves, and within that condition a windowed lookup answers as the whole index
/// would.
/// </summary>
public sealed record PostSearchWindow(DateTime? From, DateTime? Through)
{
    /// <summary>Keys of one second: a sequence within the second takes the low 31 bits.</summary>
    public const long KeysPerSecond = 1L << 31;

    /// <summary>The whole index.</summary>
    public static readonly PostSearchWindow All = new(null, null);

    /// <summary>The first key of <paramref name="time"/>'s second, as the migration's triggers compute it (seconds clamped to 0 .. 2^32-1).</summary>
    public static long KeyOf(DateTime time)
    {
        var seconds = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeSeconds();
        return Math.Clamp(seconds, 0L, uint.MaxValue) * KeysPerSecond;
    }

    /// <summary>The second a key belongs to.</summary>
    public static DateTime TimeOf(long key) => DateTime.UnixEpoch.AddSeconds(key / KeysPerSecond);

    public long LowKey => From is { } from ? KeyOf(from) : long.MinValue;

    public long HighKey => Through is { } through ? KeyOf(through) + KeysPerSecond : long.MaxValue;
}
