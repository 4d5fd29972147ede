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

    private readonly double[][] columns = [new double[capacity], new double[capacity], new double[capacity]];
    private int head;

    public int Count { get; private set; }

    public void Push(double posts, double negatives, double expected)
    {
        columns[0][head] = posts;
        columns[1][head] = negatives;
        columns[2][head] = expected;
        head = (head + 1) % capacity;
        Count = Math.Min(Count + 1, capacity);
    }

    public void CopyFrom(Recent other)
    {
        for (var i = 0; i < columns.Length; i++) Array.Copy(other.columns[i], columns[i], capacity);
        head = other.head;
        Count = other.Count;
    }

    public double Last(Column column) => Count == 0 ? 0 : columns[(int)column][(head - 1 + capacity) % capacity];

    /// <summary>Sum of the last <paramref name="buckets"/> values (fewer if fewer are known).</summary>
    public double Sum(int buckets, Column column)
    {
        var values = columns[(int)column];
        var n = Math.Min(buckets, Count);
        var sum = 0.0;
        for (var i = 1; i <= n; i++) sum += values[(head - i + capacity) % capacity];
        return sum;
    }
}
