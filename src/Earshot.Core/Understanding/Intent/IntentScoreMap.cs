using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Earshot.Core.Understanding.Intent;

/// <summary>The six intent scores as a read-only dictionary over one small array (classification is a hot path).</summary>
internal sealed class IntentScoreMap(double[] scores) : IReadOnlyDictionary<string, double>
{
    public double this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => Intents.All;
    public IEnumerable<double> Values => scores;
    public int Count => scores.Length;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? scores[index] : 0;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (var i = 0; i < scores.Length; i++)
            yield return new KeyValuePair<string, double>(Intents.All[i], scores[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int IndexOf(string key)
    {
        for (var i = 0; i < Intents.All.Count; i++)
        {
            if (string.Equals(Intents.All[i], key, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }
}
