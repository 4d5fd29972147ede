using Earshot.Core.Topics.Query;

namespace Earshot.Core.Topics.Matching;

/// <summary>
/// Compiled topics as flat code in one int array: each node is [op, size, payload...], children inline, so a
/// candidate's evaluation reads a few consecutive cache lines instead of chasing objects and virtual calls.
/// Positional nodes (terms, phrases, OR of those, NEAR) can also push their word spans for NEAR.
/// </summary>
internal static class TopicProgram
{
    public const int Term = 1, Any = 2, Phrase = 3, And = 4, Or = 5, Not = 6, Followers = 7, Near = 8;

    /// <summary>Size of a node's header: op and size; NEAR adds distance and ordered.</summary>
    public const int Header = 2, NearHeader = 4;

    public static bool Matches(int[] code, int pc, MatchContext ctx, FollowersNode[] conditions)
    {
        switch (code[pc])
        {
            case Term:
                return ctx.Has(code[pc + 2]);
            case Any:
                return AnyPresent(code, pc, ctx);
            case Phrase:
                return PhraseAt(code, pc, ctx, push: false) > 0;
            case And:
                for (int c = pc + Header, end = pc + code[pc + 1]; c < end; c += code[c + 1])
                {
                    if (!Child(code, c, ctx, conditions))
                        return false;
                }
                return true;
            case Or:
                for (int c = pc + Header, end = pc + code[pc + 1]; c < end; c += code[c + 1])
                {
                    if (Child(code, c, ctx, conditions))
                        return true;
                }
                return false;
            case Not:
                return !Matches(code, pc + Header, ctx, conditions);
            case Followers:
                return conditions[code[pc + 2]].Accepts(ctx.Followers);
            default:
                var start = ctx.SpanCount;
                var found = PushSpans(code, pc, ctx) > 0;
                ctx.SpanCount = start;
                return found;
        }
    }

    /// <summary>
    /// Evaluates a child of AND/OR, testing the commonest children (term lists) inline: most topics are ANDs and
    /// ORs of term lists, and a call plus a switch dispatch per child would cost more than the test itself.
    /// </summary>
    private static bool Child(int[] code, int pc, MatchContext ctx, FollowersNode[] conditions) => code[pc] switch
    {
        Any => AnyPresent(code, pc, ctx),
        Term => ctx.Has(code[pc + 2]),
        Phrase => PhraseAt(code, pc, ctx, push: false) > 0,
        _ => Matches(code, pc, ctx, conditions),
    };

    /// <summary>True when the post passes every guard (an Any node each) in guards[start..end).</summary>
    public static bool Guarded(int[] guards, int start, int end, MatchContext ctx)
    {
        for (var pc = start; pc < end; pc += guards[pc + 1])
        {
            if (!AnyPresent(guards, pc, ctx))
                return false;
        }
        return true;
    }

    /// <summary>Any's payload is (word, low 32 bits, high 32 bits) triples of the present-terms bitset.</summary>
    private static bool AnyPresent(int[] code, int pc, MatchContext ctx)
    {
        for (int i = pc + Header, end = pc + code[pc + 1]; i < end; i += 3)
        {
            if ((ctx.PresentBits(code[i]) & AnyMask(code, i)) != 0)
                return true;
        }
        return false;
    }

    private static ulong AnyMask(int[] code, int i) => (uint)code[i + 1] | ((ulong)(uint)code[i + 2] << 32);

    /// <summary>Encodes term ids as Any's payload: one triple per 64-term word of the bitset.</summary>
    public static int[] AnyPayload(IEnumerable<int> terms)
    {
        var payload = new List<int>();
        foreach (var word in terms.Distinct().GroupBy(t => t >> 6).OrderBy(g => g.Key))
        {
            var mask = word.Aggregate(0UL, (m, t) => m | (1UL << (t & 63)));
            payload.AddRange([word.Key, (int)(uint)mask, (int)(uint)(mask >> 32)]);
        }
        return [.. payload];
    }

    /// <summary>Pushes the node's spans (word positions) on the context's span stack; returns how many.</summary>
    public static int PushSpans(int[] code, int pc, MatchContext ctx)
    {
        switch (code[pc])
        {
            case Term:
                return PushPositions(code[pc + 2], ctx);
            case Any:
                var count = 0;
                for (int i = pc + Header, end = pc + code[pc + 1]; i < end; i += 3)
                {
                    var bits = ctx.PresentBits(code[i]) & AnyMask(code, i);
                    for (; bits != 0; bits &= bits - 1)
                        count += PushPositions((code[i] << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits), ctx);
                }
                return count;
            case Phrase:
                return PhraseAt(code, pc, ctx, push: true);
            case Or:
                var total = 0;
                for (int c = pc + Header, end = pc + code[pc + 1]; c < end; c += code[c + 1])
                    total += PushSpans(code, c, ctx);
                return total;
            case Near:
                return NearSpans(code, pc, ctx);
            default:
                throw new InvalidOperationException($"Op {code[pc]} has no word positions");
        }
    }

    private static int PushPositions(int term, MatchContext ctx)
    {
        var count = 0;
        for (var occ = ctx.FirstOccurrence(term); occ >= 0; occ = ctx.NextOccurrence(occ))
        {
            var p = ctx.PositionOf(occ);
            ctx.PushSpan(p, p);
            count++;
        }
        return count;
    }

    private static int PhraseAt(int[] code, int pc, MatchContext ctx, bool push)
    {
        var first = pc + Header;
        var length = code[pc + 1] - Header;
        var count = 0;
        for (var occ = ctx.FirstOccurrence(code[first]); occ >= 0; occ = ctx.NextOccurrence(occ))
        {
            var start = ctx.PositionOf(occ);
            var i = 1;
            while (i < length && ctx.HasAt(code[first + i], start + i))
                i++;
            if (i < length)
                continue;
            if (!push)
                return 1;
            ctx.PushSpan(start, start + length - 1);
            count++;
        }
        return count;
    }

    private static int NearSpans(int[] code, int pc, MatchContext ctx)
    {
        var distance = code[pc + 2];
        var ordered = code[pc + 3] != 0;
        var left = pc + NearHeader;
        var right = left + code[left + 1];
        // Most NEARs fail because one side is absent: check presence (bitset tests) before building spans.
        if (!Child(code, right, ctx, []) || !Child(code, left, ctx, []))
            return 0;
        var start = ctx.SpanCount;
        var leftCount = PushSpans(code, left, ctx);
        if (leftCount == 0)
            return 0;
        var rightCount = PushSpans(code, right, ctx);
        var rightStart = start + leftCount;
        var results = 0;
        for (var i = 0; i < leftCount; i++)
        {
            var a = ctx.Spans[start + i];
            for (var j = 0; j < rightCount; j++)
            {
                var b = ctx.Spans[rightStart + j];
                if (IsNear(a, b, distance, ordered))
                {
                    ctx.PushSpan(Math.Min(MatchContext.Start(a), MatchContext.Start(b)), Math.Max(MatchContext.End(a), MatchContext.End(b)));
                    results++;
                }
            }
        }
        // Move the results down over the operands' spans.
        Array.Copy(ctx.Spans, rightStart + rightCount, ctx.Spans, start, results);
        ctx.SpanCount = start + results;
        return results;
    }

    /// <summary>Disjoint spans with at most <paramref name="distance"/> words between them (a first, if ordered).</summary>
    private static bool IsNear(long a, long b, int distance, bool ordered)
    {
        int aStart = MatchContext.Start(a), aEnd = MatchContext.End(a), bStart = MatchContext.Start(b), bEnd = MatchContext.End(b);
        if (aEnd < bStart)
            return bStart - aEnd - 1 <= distance;
        if (!ordered && bEnd < aStart)
            return aStart - bEnd - 1 <= distance;
        return false;
    }

    /// <summary>Calls <paramref name="visit"/> with each term, OR-of-terms and phrase node not under a NOT.</summary>
    public static void VisitPositive(int[] code, int pc, Action<int> visit)
    {
        switch (code[pc])
        {
            case Term or Any or Phrase:
                visit(pc);
                break;
            case And or Or:
                for (int c = pc + Header, end = pc + code[pc + 1]; c < end; c += code[c + 1])
                    VisitPositive(code, c, visit);
                break;
            case Near:
                var left = pc + NearHeader;
                VisitPositive(code, left, visit);
                VisitPositive(code, left + code[left + 1], visit);
                break;
        }
    }
}
