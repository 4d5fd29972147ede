using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Earshot.Core.Topics.Matching;

/// <summary>
/// Read-only open-addressing table from folded term text to term id, probed with a hash the tokenizer already
/// computed while folding, so a post's word costs one probe and usually no string comparison.
/// Keys are the topics' terms (not attacker-chosen), and a colliding post word costs one extra compare at most.
/// </summary>
internal sealed class TermTable
{
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

    /// <summary>
    /// Hash of a folded term: four chars (8 bytes) per multiply instead of FNV's one, so the dependency chain
    /// per word is short; the tokenizer calls it once per word on the chars it has just written.
    /// </summary>
    public static uint Hash(ReadOnlySpan<char> key)
    {
        var bytes = MemoryMarshal.AsBytes(key);
        var n = bytes.Length;
        ref var p = ref MemoryMarshal.GetReference(bytes);
        var h = (ulong)n * 0x9E3779B97F4A7C15UL;
        if (n >= 8)
        {
            var i = 0;
            for (; i + 8 < n; i += 8)
                h = BitOperations.RotateLeft((h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i))) * 0xBF58476D1CE4E5B9UL, 31);
            // The last 8 bytes, overlapping the previous block when n is not a multiple of 8.
            h ^= Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, n - 8));
        }
        else if (n >= 4)
        {
            h ^= Unsafe.ReadUnaligned<uint>(ref p) | ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, n - 4)) << 32);
        }
        else if (n > 0)
        {
            h ^= Unsafe.ReadUnaligned<ushort>(ref p);
        }
        h *= 0x94D049BB133111EBUL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (uint)h;
    }

    /// <summary>
    /// The filter test alone, inlined into the caller so the usual "no term" answer costs no call; the probe of
    /// the slot arrays is a separate method.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(ReadOnlySpan<char> key, uint hash, out int id)
    {
        if ((_filter[hash >> 22] & (1UL << (int)(hash >> 16))) == 0)
        {
            id = -1;
            return false;
        }
        return Probe(key, hash, out id);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Probe(ReadOnlySpan<char> key, uint hash, out int id)
    {
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
