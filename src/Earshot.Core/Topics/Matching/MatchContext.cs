namespace Earshot.Core.Topics.Matching;

/// <summary>
/// Per-thread scratch for matching one post: which terms occur where, which topics are candidates.
/// Arrays are stamped with a per-post epoch instead of being cleared, so a post costs only what it touches.
/// </summary>
internal sealed class MatchContext
{
    public readonly TokenBuffer Tokens = new();
    public int Epoch;
    public long? Followers;

    private int[] _termEpoch = [];
    private int[] _termHead = [];
    private int[] _termTail = [];
    private int[] _occPosition = new int[256];
    private int[] _occNext = new int[256];
    private int _occCount;

    /// <summary>Present terms as a bitset, so an OR of terms tests a 64-term word at a time; touched words are cleared per post.</summary>
    private ulong[] _present = [];
    private int[] _touched = new int[64];
    private int _touchedCount;

    private int[] _topicEpoch = [];
    public int[] Candidates = new int[64];
    public int CandidateCount;

    /// <summary>Spans (start &lt;&lt; 32 | end, in word positions) that positional nodes hand each other; a stack.</summary>
    public long[] Spans = new long[256];
    public int SpanCount;

    /// <summary>Chars for keys built on the fly ("author:jane", "site:example.com").</summary>
    public char[] KeyChars = new char[256];

    public void Begin(int termCount, int topicCount)
    {
        if (_termEpoch.Length < termCount)
        {
            var size = Math.Max(termCount, _termEpoch.Length * 2);
            _termEpoch = new int[size];
            _termHead = new int[size];
            _termTail = new int[size];
        }
        if (_present.Length < (termCount + 63) >> 6)
            _present = new ulong[Math.Max((termCount + 63) >> 6, _present.Length * 2)];
        for (var i = 0; i < _touchedCount; i++)
            _present[_touched[i]] = 0;
        _touchedCount = 0;
        if (_topicEpoch.Length < topicCount)
            _topicEpoch = new int[Math.Max(topicCount, _topicEpoch.Length * 2)];
        if (++Epoch == int.MaxValue)
        {
            Array.Clear(_termEpoch);
            Array.Clear(_topicEpoch);
            Epoch = 1;
        }
        _occCount = 0;
        CandidateCount = 0;
        SpanCount = 0;
    }

    /// <summary>Records that a term occurs at a word position; true when it is the term's first occurrence in this post.</summary>
    public bool Occur(int term, int position)
    {
        if (_occCount == _occPosition.Length)
        {
            Array.Resize(ref _occPosition, _occCount * 2);
            Array.Resize(ref _occNext, _occCount * 2);
        }
        var occ = _occCount;
        if (_termEpoch[term] != Epoch)
        {
            _termEpoch[term] = Epoch;
            _termHead[term] = occ;
            MarkPresent(term);
        }
        else
        {
            var tail = _termTail[term];
            if (_occPosition[tail] == position)
                return false;
            _occNext[tail] = occ;
        }
        _occPosition[occ] = position;
        _occNext[occ] = -1;
        _termTail[term] = occ;
        _occCount++;
        return _termHead[term] == occ;
    }

    public bool Has(int term) => _termEpoch[term] == Epoch;

    /// <summary>The 64 presence bits of terms word*64 .. word*64+63.</summary>
    public ulong PresentBits(int word) => _present[word];

    private void MarkPresent(int term)
    {
        var word = term >> 6;
        if (_present[word] == 0)
        {
            if (_touchedCount == _touched.Length)
                Array.Resize(ref _touched, _touchedCount * 2);
            _touched[_touchedCount++] = word;
        }
        _present[word] |= 1UL << (term & 63);
    }

    public bool HasAt(int term, int position)
    {
        if (_termEpoch[term] != Epoch)
            return false;
        for (var occ = _termHead[term]; occ >= 0; occ = _occNext[occ])
        {
            var p = _occPosition[occ];
            if (p >= position)
                return p == position;
        }
        return false;
    }

    /// <summary>First occurrence index of a term, or -1; walk with <see cref="NextOccurrence"/>.</summary>
    public int FirstOccurrence(int term) => _termEpoch[term] == Epoch ? _termHead[term] : -1;

    public int NextOccurrence(int occ) => _occNext[occ];

    public int PositionOf(int occ) => _occPosition[occ];

    public void AddCandidate(int topic)
    {
        if (_topicEpoch[topic] == Epoch)
            return;
        _topicEpoch[topic] = Epoch;
        if (CandidateCount == Candidates.Length)
            Array.Resize(ref Candidates, CandidateCount * 2);
        Candidates[CandidateCount++] = topic;
    }

    public void PushSpan(int start, int end)
    {
        if (SpanCount == Spans.Length)
            Array.Resize(ref Spans, SpanCount * 2);
        Spans[SpanCount++] = ((long)start << 32) | (uint)end;
    }

    public static int Start(long span) => (int)(span >> 32);

    public static int End(long span) => (int)span;
}
