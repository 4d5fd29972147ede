namespace Earshot.Core.Alerts.Detection;

/// <summary>
/// How bursty the series is beyond Poisson noise, learnt from calm windows: the robust spread (1.4826·MAD,
/// about zero so a biased baseline also widens it) of the relative error (observed − expected) / expected,
/// minus the Poisson part 1 / expected. The result is the negative-binomial dispersion of a window sum.
/// Recomputed once an hour of samples, not per bucket, to keep the per-bucket cost flat.
/// </summary>
internal sealed class Dispersion(int capacity, double minimum)
{
    private readonly double[] errors = new double[capacity];
    private readonly double[] expectations = new double[capacity];
    private readonly double[] scratch = new double[capacity];
    private int head;
    private int count;
    private DateTime computedAt = DateTime.MinValue;

    /// <summary>Until calm windows are known, assume bursty traffic (±50%) rather than Poisson.</summary>
    public double Value { get; private set; } = 0.25;

    public void Add(double observed, double expected, DateTime at)
    {
        if (expected <= 0) return;
        errors[head] = Math.Abs(observed - expected) / expected;
        expectations[head] = expected;
        head = (head + 1) % capacity;
        count = Math.Min(count + 1, capacity);
        if (count >= 16 && at - computedAt >= TimeSpan.FromHours(1))
        {
            computedAt = at;
            var spread = 1.4826 * Median(errors);
            var typicalExpected = Median(expectations);
            Value = Math.Max(minimum, spread * spread - 1 / typicalExpected);
        }
    }

    public void CopyFrom(Dispersion other)
    {
        Array.Copy(other.errors, errors, errors.Length);
        Array.Copy(other.expectations, expectations, expectations.Length);
        head = other.head;
        count = other.count;
        computedAt = other.computedAt;
        Value = other.Value;
    }

    private double Median(double[] values)
    {
        Array.Copy(values, scratch, count);
        Array.Sort(scratch, 0, count);
        return count % 2 == 1 ? scratch[count / 2] : (scratch[count / 2 - 1] + scratch[count / 2]) / 2;
    }
}
