using System.Collections.Concurrent;

namespace Earshot.Access;

/// <summary>
/// Failed sign-ins to addresses that have no account, counted as a real account's are, so that "locked" does not tell
/// a guesser which addresses exist. Kept in memory and bounded: past <see cref="MaxTracked"/> addresses, those not
/// locked are forgotten (a guesser cycling through addresses gains nothing from the forgetting).
/// </summary>
public sealed class UnknownAccountLockouts(TimeProvider clock)
{
    public const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private readonly record struct Entry(int Failures, DateTime? LockedUntil);

    public bool IsLocked(string email) =>
        _entries.TryGetValue(email, out var entry) && entry.LockedUntil > clock.GetUtcNow().UtcDateTime;

    /// <summary>One more failure; the one that reaches <paramref name="maxFailures"/> locks the address, as for an account.</summary>
    public void RecordFailure(string email, int maxFailures, TimeSpan lockout)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_entries.Count >= MaxTracked)
            ForgetUnlocked(now);
        _entries.AddOrUpdate(email,
            _ => maxFailures <= 1 ? new Entry(0, now + lockout) : new Entry(1, null),
            (_, entry) => entry.Failures + 1 >= maxFailures ? new Entry(0, now + lockout) : new Entry(entry.Failures + 1, entry.LockedUntil));
    }

    private void ForgetUnlocked(DateTime now)
    {
        foreach (var (email, entry) in _entries)
        {
            if (!(entry.LockedUntil > now))
                _entries.TryRemove(email, out _);
        }
        if (_entries.Count >= MaxTracked)
            _entries.Clear();
    }
}
