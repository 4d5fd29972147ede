using Earshot.Core.Topics.Query;

namespace Earshot.Core.Topics.Matching;

/// <summary>
/// A compiled query: a tree over term ids. Positional nodes (terms, phrases, NEAR) can also list where they
/// occur, as word spans pushed on <see cref="MatchContext.Spans"/>; Spans returns how many it pushed.
/// </summary>
internal abstract class MatchNode
{
    public abstract bool Matches(MatchContext ctx);

    public virtual int PushSpans(MatchContext ctx) => throw new InvalidOperationException("Not a positional node");

    /// <summary>Visits the leaves that are not under a NOT (for highlighting).</summary>
    public virtual void VisitPositive(Action<MatchNode> visit) => visit(this);
}

/// <summary>A word, tag, emoji, wildcard or field: present when its term id occurred in the post.</summary>
internal sealed class TermMatch(int term) : MatchNode
{
    public int Term { get; } = term;

    public override bool Matches(MatchContext ctx) => ctx.Has(Term);

    public override int PushSpans(MatchContext ctx)
    {
        var count = 0;
        for (var occ = ctx.FirstOccurrence(Term); occ >= 0; occ = ctx.NextOccurrence(occ))
        {
            var p = ctx.PositionOf(occ);
            ctx.PushSpan(p, p);
            count++;
        }
        return count;
    }
}

/// <summary>An OR of plain terms compiled to one loop over term ids (the common "brand OR #brand OR @brand").</summary>
internal sealed class AnyTermMatch(int[] terms) : MatchNode
{
    public override bool Matches(MatchContext ctx)
    {
        foreach (var term in terms)
        {
            if (ctx.Has(term))
                return true;
        }
        return false;
    }

    public override int PushSpans(MatchContext ctx)
    {
        var count = 0;
        foreach (var term in terms)
        {
            for (var occ = ctx.FirstOccurrence(term); occ >= 0; occ = ctx.NextOccurrence(occ))
            {
                var p = ctx.PositionOf(occ);
                ctx.PushSpan(p, p);
                count++;
            }
        }
        return count;
    }
}

internal sealed class PhraseMatch(int[] terms) : MatchNode
{
    public override bool Matches(MatchContext ctx)
    {
        for (var occ = ctx.FirstOccurrence(terms[0]); occ >= 0; occ = ctx.NextOccurrence(occ))
        {
            if (RestFollows(ctx, ctx.PositionOf(occ)))
                return true;
        }
        return false;
    }

    public override int PushSpans(MatchContext ctx)
    {
        var count = 0;
        for (var occ = ctx.FirstOccurrence(terms[0]); occ >= 0; occ = ctx.NextOccurrence(occ))
        {
            var p = ctx.PositionOf(occ);
            if (RestFollows(ctx, p))
            {
                ctx.PushSpan(p, p + terms.Length - 1);
                count++;
            }
        }
        return count;
    }

    private bool RestFollows(MatchContext ctx, int start)
    {
        for (var i = 1; i < terms.Length; i++)
        {
            if (!ctx.HasAt(terms[i], start + i))
                return false;
        }
        return true;
    }
}

internal sealed class NearMatch(MatchNode left, MatchNode right, int distance, bool ordered) : MatchNode
{
    public override bool Matches(MatchContext ctx)
    {
        var start = ctx.SpanCount;
        var found = PushSpans(ctx) > 0;
        ctx.SpanCount = start;
        return found;
    }

    public override int PushSpans(MatchContext ctx)
    {
        var start = ctx.SpanCount;
        var leftCount = left.PushSpans(ctx);
        if (leftCount == 0)
            return 0;
        var rightCount = right.PushSpans(ctx);
        var rightStart = start + leftCount;
        var results = 0;
        for (var i = 0; i < leftCount; i++)
        {
            var a = ctx.Spans[start + i];
            for (var j = 0; j < rightCount; j++)
            {
                var b = ctx.Spans[rightStart + j];
                if (Near(a, b))
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

    private bool Near(long a, long b)
    {
        int aStart = MatchContext.Start(a), aEnd = MatchContext.End(a), bStart = MatchContext.Start(b), bEnd = MatchContext.End(b);
        if (aEnd < bStart)
            return bStart - aEnd - 1 <= distance;
        if (!ordered && bEnd < aStart)
            return aStart - bEnd - 1 <= distance;
        return false;
    }

    public override void VisitPositive(Action<MatchNode> visit)
    {
        left.VisitPositive(visit);
        right.VisitPositive(visit);
    }
}

internal sealed class AndMatch(MatchNode[] children) : MatchNode
{
    public override bool Matches(MatchContext ctx)
    {
        foreach (var child in children)
        {
            if (!child.Matches(ctx))
                return false;
        }
        return true;
    }

    public override void VisitPositive(Action<MatchNode> visit)
    {
        foreach (var child in children)
            child.VisitPositive(visit);
    }
}

internal sealed class OrMatch(MatchNode[] children) : MatchNode
{
    public override bool Matches(MatchContext ctx)
    {
        foreach (var child in children)
        {
            if (child.Matches(ctx))
                return true;
        }
        return false;
    }

    public override int PushSpans(MatchContext ctx)
    {
        var count = 0;
        foreach (var child in children)
            count += child.PushSpans(ctx);
        return count;
    }

    public override void VisitPositive(Action<MatchNode> visit)
    {
        foreach (var child in children)
            child.VisitPositive(visit);
    }
}

internal sealed class NotMatch(MatchNode child) : MatchNode
{
    public override bool Matches(MatchContext ctx) => !child.Matches(ctx);

    public override void VisitPositive(Action<MatchNode> visit)
    {
    }
}

internal sealed class FollowersMatch(FollowersNode condition) : MatchNode
{
    public override bool Matches(MatchContext ctx) => condition.Accepts(ctx.Followers);

    public override void VisitPositive(Action<MatchNode> visit)
    {
    }
}
