using System.Security.Cryptography;
using System.Text;

namespace Earshot.Digests;

/// <summary>
/// Which weekly digest is due for one person: the one of the latest Monday 08:00 on their clock (UTC without a time
/// zone), covering the 7 days before it.
/// </summary>
public sealed record DigestWeek(DateOnly Monday, DateTime SendAt, DateTime From, DateTime To, TimeZoneInfo Zone)
{
    public static readonly TimeOnly SendTime = new(8, 0);

    public static DigestWeek Latest(DateTime utcNow, string? timeZone)
    {
        var zone = timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTimeFromUtc(utcNow, zone);
        var monday = DateOnly.FromDateTime(local).AddDays(-(((int)local.DayOfWeek + 6) % 7));
        if (local < monday.ToDateTime(SendTime))
            monday = monday.AddDays(-7);
        var sendAt = ToUtc(monday.ToDateTime(SendTime), zone);
        return new DigestWeek(monday, sendAt, ToUtc(monday.AddDays(-7).ToDateTime(SendTime), zone), sendAt, zone);
    }

    /// <summary>
    /// The e-mail outbox's event id for this person's digest of this week: the same on every node and every pass, so
    /// the outbox's unique index lets exactly one of them in.
    /// </summary>
    public Guid DeliveryId(Guid userId)
    {
        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"weekly-digest:{userId:N}:{Monday:yyyy-MM-dd}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return new Guid(hash.AsSpan(0, 16));
    }

    // 08:00 never falls in a daylight-saving gap in the zones we know of; if it did, the hour after is used.
    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
    }
}
