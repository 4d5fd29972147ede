namespace Earshot.Core.Topics.Matching;

/// <summary>
/// Read-only open-addressing table from folded term text to term id, probed with a hash the tokenizer already
/// computed while folding, so a post's word costs one probe and usually no string comparison.
/// Keys are the topics' terms (not attacker-chosen), and a colliding post word costs one extra compare at most.
/// </summary>
internal sealed class TermTable
{
    private const uint Basis = 2166136261;
    private const uint Prime = 16777619;

    private readonly uint[] _hashes;
    private readonly int[] _ids;
    private readonly string[] _keys;
    private readonly uint _mask;

    /// <summary>
    /// One bit per value of the hash's top 16 bits, set for every key. Most words of a post are no term at all;
    /// this 8 KB filter stays in L1 and turns them away without touching the larger slot arrays.
    /// </summary>
    private readonly ulong[] _filter = new ulong[1 << 10];

    public TermTable(IReadOnlyDictionary<string, int> terms)
    {
        var capacity = 16;
        while (capacity < terms.Count * 4)
            capacity *= 2;
        _mask = (uint)capacity - 1;
        _hashes = new uint[capacity];
        _ids = new int[capacity];
        _keys = new string[capacity];
        Array.Fill(_ids, -1);
        foreach (var (key, id) in terms)
        {
            var hash = Hash(key);
            var slot = hash & _mask;
            while (_ids[slot] >= 0)
                slot = (slot + 1) & _mask;
            _hashes[slot] = hash;
            _filter[hash >> 22] |= 1UL << (int)(hash >> 16);
            _ids[slot] = id;
            _keys[slot] = key;
        }
        Count = terms.Count;
    }

    public int Count { get; }

    public static uint Start => Basis;

    public static uint Step(uint hash, char c) => (hash ^ c) * Prime;

    /// <summary>Spreads FNV's weak low bits, since slots are chosen by the low bits.</summary>
    public static uint Finish(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x7FEB352D;
        hash ^= hash >> 15;
        return hash;
    }

    public static uint Hash(ReadOnlySpan<char> key)
    {
        var hash = Basis;
        foreach (var c in key)
            hash = Step(hash, c);
        return Finish(hash);
    }

    public bool TryGet(ReadOnlySpan<char> key, uint hash, out int id)
    {
        if ((_filter[hash >> 22] & (1UL << (int)(hash >> 16))) == 0)
        {
            id = -1;
            return false;
        }
        var slot = hash & _mask;
        while (true)
        {
            id = _ids[slot];
            if (id < 0)
                return false;
            if (_hashes[slot] == hash && key.SequenceEqual(_keys[slot]))
                return true;
            slot = (slot + 1) & _mask;
        }
    }

    public bool TryGet(ReadOnlySpan<char> key, out int id) => TryGet(key, Hash(key), out id);
}
