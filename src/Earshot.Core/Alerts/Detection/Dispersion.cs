namespace Earshot.Core.Alerts.Detection;

/// <summary>
/// How bursty the series is beyond Poisson noise, learnt from calm windows: the robust spread (1.4826·MAD,
/// about zero so a biased baseline also widens it) of the relative error (observed − expected) / expected,
/// minus the Poisson part 1 / expected. The result is the negative-binomial dispersion of a window sum.
/// Recomputed once an hour of samples, not per bucket, to keep the per-bucket cost flat.
/// </summary>
internal sealed class Dispersion(int capacity, double minimum)
{
    private readonly double[] _errors = new double[capacity];
    private readonly double[] _expectations = new double[capacity];
    private readonly double[] _scratch = new double[capacity];
    private int _head;
    private int _count;
    private DateTime _computedAt = DateTime.MinValue;

    /// <summary>Until calm windows are known, assume bursty traffic (±50%) rather than Poisson.</summary>
    public double Value { get; private set; } = 0.25;

    public void Add(double observed, double expected, DateTime at)
    {
        if (expected <= 0) return;
        _errors[_head] = Math.Abs(observed - expected) / expected;
        _expectations[_head] = expected;
        _head = (_head + 1) % capacity;
        _count = Math.Min(_count + 1, capacity);
        if (_count >= 16 && at - _computedAt >= TimeSpan.FromHours(1))
        {
            _computedAt = at;
            var spread = 1.4826 * Median(_errors);
            var typicalExpected = Median(_expectations);
            Value = Math.Max(minimum, spread * spread - 1 / typicalExpected);
        }
    }

    public void CopyFrom(Dispersion other)
    {
        Array.Copy(other._errors, _errors, _errors.Length);
        Array.Copy(other._expectations, _expectations, _expectations.Length);
        _head = other._head;
        _count = other._count;
        _computedAt = other._computedAt;
        Value = other.Value;
    }

    private double Median(double[] values)
    {
        Array.Copy(values, _scratch, _count);
        Array.Sort(_scratch, 0, _count);
        return _count % 2 == 1 ? _scratch[_count / 2] : (_scratch[_count / 2 - 1] + _scratch[_count / 2]) / 2;
    }
}
