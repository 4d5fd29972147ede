using Earshot.Core.Topics.Query;

namespace Earshot.Core.Topics.Matching;

/// <summary>
/// An immutable compiled set of topics. Matching a post tokenizes it once, looks each token up in the term
/// dictionary (and the wildcard index), collects the topics whose cover terms occurred, and evaluates only those.
/// </summary>
internal sealed partial class MatcherSnapshot
{
    public static readonly MatcherSnapshot Empty = new SnapshotBuilder().Build();

    private readonly TermTable _folded;
    private readonly TermTable _exact;
    private readonly bool _hasExact;
    /// <summary>Wildcards by a hash of their first 3 chars; a word probes one bucket (null for almost every word).</summary>
    private readonly WildcardPattern[]?[] _wildcardBuckets = new WildcardPattern[]?[WildcardBucketCount];
    private readonly WildcardPattern[] _shortWildcards;
    private readonly bool _hasWildcards;
    private const int WildcardBucketCount = 4096;
    /// <summary>Which buckets are used: 512 bytes that stay in L1, where the 32 KB bucket array would not.</summary>
    private readonly ulong[] _wildcardBits = new ulong[WildcardBucketCount / 64];
    private readonly int[]?[] _postings;
    private readonly int[] _always;
    private readonly int[] _guards;
    private readonly bool _hasFields;
    private readonly bool _hasUrlFields;

    public MatcherSnapshot(
        Dictionary<string, int> folded,
        Dictionary<string, int> exact,
        WildcardPattern[] wildcards,
        int[]?[] postings,
        CompiledTopic[] topics,
        int[] code,
        FollowersNode[] conditions,
        int[] always,
        int[] guards,
        bool hasFields,
        bool hasUrlFields)
    {
        _folded = new TermTable(folded);
        _exact = new TermTable(exact);
        _hasExact = exact.Count > 0;
        _postings = postings;
        Topics = topics;
        Code = code;
        _conditions = conditions;
        _always = always;
        _guards = guards;
        _hasFields = hasFields;
        _hasUrlFields = hasUrlFields;
        _hasWildcards = wildcards.Length > 0;
        _shortWildcards = [.. wildcards.Where(w => w.Stem.Length < 3)];
        foreach (var group in wildcards.Where(w => w.Stem.Length >= 3).GroupBy(w => Bucket(w.Stem)))
        {
            _wildcardBuckets[group.Key] = [.. group];
            _wildcardBits[group.Key >> 6] |= 1UL << group.Key;
        }
    }

    public CompiledTopic[] Topics { get; }

    public int[] Code { get; }

    private readonly FollowersNode[] _conditions;

    public int TermCount => _postings.Length;

    public void Match(in MatchInput post, MatchContext ctx, List<Guid> result)
    {
        Scan(post, ctx);
        var topics = Topics;
        var code = Code;
        for (var i = 0; i < ctx.CandidateCount; i++)
        {
            ref readonly var topic = ref topics[ctx.Candidates[i]];
            if (TopicProgram.Guarded(_guards, topic.GuardStart, topic.GuardEnd, ctx) && TopicProgram.Matches(code, topic.Offset, ctx, _conditions))
                result.Add(topic.Id);
        }
        foreach (var slot in _always)
        {
            ref readonly var topic = ref topics[slot];
            if (TopicProgram.Guarded(_guards, topic.GuardStart, topic.GuardEnd, ctx) && TopicProgram.Matches(code, topic.Offset, ctx, _conditions))
                result.Add(topic.Id);
        }
    }

    /// <summary>Tokenizes the post and records every known term's positions and the candidate topics.</summary>
    public void Scan(in MatchInput post, MatchContext ctx)
    {
        ctx.Begin(TermCount, Topics.Length);
        ctx.Followers = post.Followers;
        var text = post.Text.AsSpan();
        var buffer = ctx.Tokens;
        SocialTokenizer.Tokenize(text, buffer);
        for (var pos = 0; pos < buffer.Count; pos++)
        {
            ref var token = ref buffer.Tokens[pos];
            var folded = buffer.Chars.AsSpan(token.FoldedStart, token.FoldedLength);
            switch (token.Kind)
            {
                case TokenKind.Word:
                    Word(folded, token.Hash, pos, ctx);
                    break;
                case TokenKind.Hashtag or TokenKind.Cashtag:
                    Word(folded, TermTable.Hash(folded), pos, ctx);
                    Word(folded[1..], token.Hash, pos, ctx);
                    break;
                case TokenKind.Mention:
                    Word(folded, TermTable.Hash(folded), pos, ctx);
                    if (token.LocalLength < token.FoldedLength)
                        Lookup(folded[..token.LocalLength], pos, ctx);
                    Word(folded[1..token.LocalLength], token.Hash, pos, ctx);
                    break;
                case TokenKind.Url:
                    if (_hasUrlFields)
                        UrlTerms(folded, pos, ctx);
                    continue;
                default:
                    Word(folded, TermTable.Hash(folded), pos, ctx);
                    break;
            }
            if (_hasExact)
            {
                var raw = text.Slice(token.Start, token.Length);
                if (_exact.TryGet(raw, out var id))
                    Occur(id, pos, ctx);
                if (token.Kind != TokenKind.Word && token.Kind != TokenKind.Emoji && _exact.TryGet(raw[1..], out id))
                    Occur(id, pos, ctx);
            }
        }
        if (_hasFields)
            FieldTerms(post, ctx);
    }

    private void Word(ReadOnlySpan<char> word, uint hash, int pos, MatchContext ctx)
    {
        if (_folded.TryGet(word, hash, out var id))
            Occur(id, pos, ctx);
        if (!_hasWildcards)
            return;
        if (word.Length >= 3 && Bucket(word) is var bucket && HasBucket(bucket) && _wildcardBuckets[bucket] is { } patterns)
        {
            foreach (var pattern in patterns)
            {
                if (pattern.Matches(word))
                    Occur(pattern.Term, pos, ctx);
            }
        }
        if (_shortWildcards.Length == 0)
            return;
        foreach (var pattern in _shortWildcards)
        {
            if (pattern.Matches(word))
                Occur(pattern.Term, pos, ctx);
        }
    }

    private void Lookup(ReadOnlySpan<char> key, int pos, MatchContext ctx)
    {
        if (_folded.TryGet(key, out var id))
            Occur(id, pos, ctx);
    }

    private void Occur(int term, int pos, MatchContext ctx)
    {
        if (ctx.Occur(term, pos) && _postings[term] is { } topics)
        {
            foreach (var slot in topics)
                ctx.AddCandidate(slot);
        }
    }

    private bool HasBucket(int bucket) => (_wildcardBits[bucket >> 6] & (1UL << bucket)) != 0;

    private static int Bucket(ReadOnlySpan<char> word) =>
        (int)(((word[0] | ((ulong)word[1] << 16) | ((ulong)word[2] << 32)) * 0x9E3779B97F4A7C15UL) >> 52);
}
