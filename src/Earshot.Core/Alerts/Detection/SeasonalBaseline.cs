namespace Earshot.Core.Alerts.Detection;

/// <summary>
/// What is normal for a time of day (or of week): per profile slot (an hour by default) it keeps the posts,
/// negative posts and buckets seen, for as many past periods as the median needs. The expected rate at a
/// time is the median over the previous periods of the rate at the same phase, interpolated between slot
/// centres. A median of seven days ignores up to three days of earlier spikes, so incidents do not teach
/// the baseline that spikes are normal.
/// </summary>
internal sealed class SeasonalBaseline
{
    private const int MinimumPeriods = 3;

    private readonly long _slotTicks;
    private readonly long _dayTicks = TimeSpan.TicksPerDay;
    private readonly int _periods;
    private readonly bool _weekly;
    private readonly Slot[] _slots;
    private readonly double[] _scratch;
    private double _calmPosts;
    private double _calmNegatives;

    public SeasonalBaseline(DetectorOptions options)
    {
        _slotTicks = options.ProfileSlot.Ticks;
        _periods = options.SeasonalPeriods;
        _weekly = options.Seasonality == Seasonality.Weekly;
        var spanDays = _weekly ? 7 * _periods : _periods;
        _slots = new Slot[(int)(spanDays * _dayTicks / _slotTicks) + 2];
        _scratch = new double[Math.Max(_periods, 7 * Math.Max(1, _periods))];
    }

    public DateTime? FirstSeen { get; private set; }

    /// <summary>Records one bucket; calm buckets (no alert open) also feed the negative-share baseline.</summary>
    public void Add(DateTime bucketStart, double posts, double negatives, bool calm)
    {
        FirstSeen ??= bucketStart;
        var index = bucketStart.Ticks / _slotTicks;
        ref var slot = ref _slots[(int)(index % _slots.Length)];
        if (slot.Index != index)
        {
            _calmPosts -= slot.CalmPosts;
            _calmNegatives -= slot.CalmNegatives;
            slot = new Slot { Index = index };
        }
        slot.Posts += posts;
        slot.Buckets++;
        if (calm)
        {
            slot.CalmPosts += posts;
            slot.CalmNegatives += negatives;
            _calmPosts += posts;
            _calmNegatives += negatives;
        }
    }

    public void CopyFrom(SeasonalBaseline other)
    {
        Array.Copy(other._slots, _slots, _slots.Length);
        _calmPosts = other._calmPosts;
        _calmNegatives = other._calmNegatives;
        FirstSeen = other.FirstSeen;
    }

    /// <summary>Share of negative posts over the remembered calm buckets, or null with too little evidence.</summary>
    public double? NegativeShare(double minimumPosts) =>
        _calmPosts >= minimumPosts ? Math.Clamp(_calmNegatives / _calmPosts, 0, 1) : null;

    /// <summary>Expected posts per bucket at a time, or null until enough periods are known.</summary>
    public double? ExpectedRate(DateTime time)
    {
        if (FirstSeen is not { } first) return null;
        var history = time.Ticks - first.Ticks;
        if (_weekly && history >= 2 * 7 * _dayTicks)
            return Median(time, 7 * _dayTicks, Math.Min(_periods, (int)(history / (7 * _dayTicks))), 2);
        if (history < MinimumPeriods * _dayTicks) return null;
        var days = Math.Min(_weekly ? 7 * _periods : _periods, (int)(history / _dayTicks));
        return Median(time, _dayTicks, Math.Min(days, _weekly ? 7 : _periods), MinimumPeriods);
    }

    /// <summary>
    /// The flat level: median rate of the profile slots of the last day (the current slot included while it
    /// is the only one). Slot rates, not bucket counts, so a quiet topic at 0.5 posts a minute is not "0".
    /// </summary>
    public double RecentLevel(DateTime time)
    {
        var current = time.Ticks / _slotTicks;
        var perDay = (int)Math.Max(1, _dayTicks / _slotTicks);
        var n = 0;
        var values = new double[perDay];
        for (var index = current - 1; index >= current - perDay; index--)
        {
            if (SlotRate(index) is { } rate) values[n++] = rate;
        }
        if (n == 0) return SlotRate(current) ?? 0;
        Array.Sort(values, 0, n);
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private double? Median(DateTime time, long period, int count, int needed)
    {
        var n = 0;
        for (var k = 1; k <= count; k++)
        {
            if (RateAt(time.Ticks - k * period) is { } rate) _scratch[n++] = rate;
        }
        if (n < needed) return null;
        Array.Sort(_scratch, 0, n);
        return n % 2 == 1 ? _scratch[n / 2] : (_scratch[n / 2 - 1] + _scratch[n / 2]) / 2;
    }

    /// <summary>Rate at a past instant, linear between the centres of the two nearest slots.</summary>
    private double? RateAt(long ticks)
    {
        var position = (double)ticks / _slotTicks - 0.5;
        var left = (long)Math.Floor(position);
        var weight = position - left;
        var a = SlotRate(left);
        var b = SlotRate(left + 1);
        return (a, b) switch
        {
            ({ } x, { } y) => x * (1 - weight) + y * weight,
            ({ } x, null) => x,
            (null, { } y) => y,
            _ => null,
        };
    }

    private double? SlotRate(long index)
    {
        if (index < 0) return null;
        var slot = _slots[(int)(index % _slots.Length)];
        return slot.Index == index && slot.Buckets > 0 ? slot.Posts / slot.Buckets : null;
    }

    private struct Slot
    {
        public long Index;
        public double Posts;
        public int Buckets;
        public double CalmPosts;
        public double CalmNegatives;
    }
}
