namespace Earshot.Core.Alerts.Detection;

/// <summary>The most recent buckets (posts, negatives, expected posts), newest last, in fixed memory.</summary>
internal sealed class Recent(int capacity)
{
    public enum Column
    {
        Posts,
        Negatives,
        Expected,
    }

    private readonly double[][] _columns = [new double[capacity], new double[capacity], new double[capacity]];
    private int _head;

    public int Count { get; private set; }

    public void Push(double posts, double negatives, double expected)
    {
        _columns[0][_head] = posts;
        _columns[1][_head] = negatives;
        _columns[2][_head] = expected;
        _head = (_head + 1) % capacity;
        Count = Math.Min(Count + 1, capacity);
    }

    public void CopyFrom(Recent other)
    {
        for (var i = 0; i < _columns.Length; i++) Array.Copy(other._columns[i], _columns[i], capacity);
        _head = other._head;
        Count = other.Count;
    }

    public double Last(Column column) => Count == 0 ? 0 : _columns[(int)column][(_head - 1 + capacity) % capacity];

    /// <summary>Sum of the last <paramref name="buckets"/> values (fewer if fewer are known).</summary>
    public double Sum(int buckets, Column column)
    {
        var values = _columns[(int)column];
        var n = Math.Min(buckets, Count);
        var sum = 0.0;
        for (var i = 1; i <= n; i++) sum += values[(_head - i + capacity) % capacity];
        return sum;
    }
}
