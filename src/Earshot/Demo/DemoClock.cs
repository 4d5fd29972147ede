namespace Earshot.Demo;

/// <summary>
/// The demo's clock: the real time, except while the demo's week is replayed at start, when it reads the moment
/// being replayed. The pipeline, the case work and alerts then stamp what they do when it happened in the story (a
/// case opened on Tuesday says Tuesday), before any background work or request starts.
/// </summary>
public sealed class DemoClock(TimeProvider real) : TimeProvider
{
    // UTC ticks of the replayed moment, 0 for the real time: one word, read and written whole by any thread.
    private long _replaying;

    public override DateTimeOffset GetUtcNow() =>
        Interlocked.Read(ref _replaying) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : real.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    public override long TimestampFrequency => real.TimestampFrequency;

    public override long GetTimestamp() => real.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        real.CreateTimer(callback, state, dueTime, period);

    /// <summary>From now on the clock reads <paramref name="at"/> (UTC), until <see cref="Resume"/>.</summary>
    public void Replay(DateTime at) => Interlocked.Exchange(ref _replaying, at.Ticks);

    /// <summary>Back to the real time.</summary>
    public void Resume() => Interlocked.Exchange(ref _replaying, 0);
}
