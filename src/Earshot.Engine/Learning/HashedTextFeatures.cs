namespace Earshot.Engine.Learning;

/// <summary>
/// The trained model's features: word 1–2-grams and character 1–4-grams of the lower-cased text (with begin and end
/// marks, so "^th" and "th" differ), counted and hashed into <see cref="Dimension"/> buckets; the character part and
/// the word part are each scaled to unit length (one vector for both scored 0.774 on airline, against 0.788), and
/// the built-in sentiment score is one more feature. Hashing needs no vocabulary, so scoring a post is a pass over
/// its characters and a dot product, with nothing allocated: ML.NET's own text featurizer (dictionary n-grams) and
/// prediction engine did the same job at a sixth of the speed.
/// </summary>
public sealed class HashedTextFeatures
{
    public const int Bits = 18;
    public const int Dimension = 1 << Bits;
    /// <summary>The built-in model's sentiment score sits after the hashed buckets.</summary>
    public const int ScoreIndex = Dimension;
    public const int Width = Dimension + 1;

    private const int MaxCharGram = 4;
    private const uint CharSeed = 0x9E3779B9;
    private const uint WordSeed = 0x85EBCA6B;
    private const uint PairSeed = 0xC2B2AE35;
    private const char Begin = '\u0002';
    private const char End = '\u0003';

    [ThreadStatic] private static HashedTextFeatures? s_perThread;

    // Open addressing from bucket to its position in _indices and _counts, plus one (0 is an empty slot).
    private int[] _table = new int[1024];
    private int[] _indices = new int[512];
    private float[] _counts = new float[512];
    private int _count;

    /// <summary>This thread's instance: the pipeline scores posts on several workers at once.</summary>
    public static HashedTextFeatures ForThisThread() => s_perThread ??= new HashedTextFeatures();

    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, _count);
    public ReadOnlySpan<float> Values => _counts.AsSpan(0, _count);

    /// <summary>Fills <see cref="Indices"/> and <see cref="Values"/> (in the order first seen) for the text.</summary>
    public void Extract(ReadOnlySpan<char> text)
    {
        Clear();
        AddCharGrams(text);
        var chars = _count;
        Normalise(0, chars);
        AddWordGrams(text);
        Normalise(chars, _count);
    }

    private void AddCharGrams(ReadOnlySpan<char> text)
    {
        var length = text.Length + 2;
        for (var start = 0; start < length; start++)
        {
            var hash = CharSeed;
            var stop = Math.Min(length, start + MaxCharGram);
            for (var i = start; i < stop; i++)
            {
                var c = i == 0 ? Begin : i == length - 1 ? End : Lower(text[i - 1]);
                hash = (hash ^ c) * 16777619;
                Add(Bucket(hash + (uint)(i - start)));
            }
        }
    }

    private void AddWordGrams(ReadOnlySpan<char> text)
    {
        var previous = 0u;
        for (var i = 0; NextWord(text, ref i, out _, out var hash);)
        {
            Add(Bucket(hash));
            if (previous != 0)
                Add(Bucket(Pair(previous, hash)));
            previous = hash;
        }
    }

    /// <summary>
    /// The word 1- and 2-grams of the text as spans of it, with their buckets, for explaining a prediction; call after
    /// <see cref="Extract"/> on the same text, then read each bucket's weight with <see cref="ValueOf"/>.
    /// </summary>
    public void WordTerms(ReadOnlySpan<char> text, List<(Range Span, int Bucket)> terms)
    {
        var (previous, previousStart) = (0u, 0);
        for (var i = 0; NextWord(text, ref i, out var start, out var hash);)
        {
            terms.Add((start..i, Bucket(hash)));
            if (previous != 0)
                terms.Add((previousStart..i, Bucket(Pair(previous, hash))));
            (previous, previousStart) = (hash, start);
        }
    }

    /// <summary>The value <see cref="Extract"/> gave a bucket (0 when the text has no feature there).</summary>
    public float ValueOf(int bucket)
    {
        var mask = _table.Length - 1;
        for (var slot = bucket & mask; _table[slot] != 0; slot = (slot + 1) & mask)
        {
            if (_indices[_table[slot] - 1] == bucket)
                return _counts[_table[slot] - 1];
        }
        return 0;
    }

    /// <summary>
    /// Words are runs of letters, digits and the marks that belong to social words (@handles, #tags, don't, emoji);
    /// "!" and "?" count as words of their own, since "late!" and "late?" say different things. Other punctuation
    /// only separates. The hash is never 0.
    /// </summary>
    private static bool NextWord(ReadOnlySpan<char> text, ref int i, out int start, out uint hash)
    {
        while (i < text.Length && IsSeparator(text[i]))
            i++;
        (start, hash) = (i, WordSeed);
        if (i == text.Length)
            return false;
        if (text[i] is '!' or '?')
            hash = (hash ^ text[i++]) * 16777619;
        else
        {
            while (i < text.Length && IsWordChar(text[i]))
                hash = (hash ^ Lower(text[i++])) * 16777619;
        }
        hash |= 1;
        return true;
    }

    private static uint Pair(uint first, uint second) => (first * 31) ^ second ^ PairSeed;

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || c is '@' or '#' or '\'' or '_' || char.IsSurrogate(c) || c > '\u2000';

    private static bool IsSeparator(char c) => !IsWordChar(c) && c is not ('!' or '?');

    private static char Lower(char c) => c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c < 128 ? c : char.ToLowerInvariant(c);

    /// <summary>Murmur3's finaliser: spreads FNV's low bits, which are weak for short inputs.</summary>
    private static int Bucket(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        return (int)(hash & (Dimension - 1));
    }

    private void Add(int bucket)
    {
        if (_count * 2 >= _table.Length)
            Grow();
        var mask = _table.Length - 1;
        for (var slot = bucket & mask; ; slot = (slot + 1) & mask)
        {
            var position = _table[slot] - 1;
            if (position < 0)
            {
                _table[slot] = _count + 1;
                _indices[_count] = bucket;
                _counts[_count++] = 1;
                return;
            }
            if (_indices[position] == bucket)
            {
                _counts[position]++;
                return;
            }
        }
    }

    private void Grow()
    {
        _table = new int[_table.Length * 2];
        Array.Resize(ref _indices, _table.Length / 2);
        Array.Resize(ref _counts, _table.Length / 2);
        var mask = _table.Length - 1;
        for (var position = 0; position < _count; position++)
        {
            var slot = _indices[position] & mask;
            while (_table[slot] != 0)
                slot = (slot + 1) & mask;
            _table[slot] = position + 1;
        }
    }

    private void Clear()
    {
        Array.Clear(_table);
        _count = 0;
    }

    private void Normalise(int from, int to)
    {
        var sum = 0f;
        for (var i = from; i < to; i++)
            sum += _counts[i] * _counts[i];
        if (sum == 0)
            return;
        var scale = 1 / MathF.Sqrt(sum);
        for (var i = from; i < to; i++)
            _counts[i] *= scale;
    }
}
