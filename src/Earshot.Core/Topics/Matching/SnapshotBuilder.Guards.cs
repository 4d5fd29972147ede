using Earshot.Core.Topics.Query;

namespace Earshot.Core.Topics.Matching;

/// <summary>
/// Guards: necessary conditions of a topic, tested before its program. A guard is a clause, a set of terms of
/// which a matching post must hold at least one; a topic's guards are a conjunction of clauses (its query in
/// conjunctive form, pruned). A candidate is usually chosen by its brand term, and most candidates then fail on
/// a clause like "any complaint word or any product word", which is a few bitset tests instead of a walk of
/// the program. Clauses are only ever drawn from positive parts (never under NOT), so a guard cannot reject a match.
/// </summary>
internal sealed partial class SnapshotBuilder
{
    /// <summary>At most this many clauses are tested per candidate, and an OR distributes into at most this many.</summary>
    private const int MaxGuards = 4, MaxDistributed = 16;

    private readonly List<int> _guards = [];

    /// <summary>Appends the topic's guards (as Any nodes) to the guard code; returns where they start and end.</summary>
    private (int Start, int End) CompileGuards(QueryNode query, IReadOnlyCollection<int>? cover)
    {
        var start = _guards.Count;
        var clauses = Clauses(query);
        if (clauses is null)
            return (start, start);
        var ordered = clauses
            .Where(c => cover is null || !cover.All(c.Contains)) // a candidate already holds a cover term
            // A clause that shares a term with the cover usually holds for a candidate (it came in by that
            // term), so test the disjoint ones first: they are the ones that reject.
            .OrderBy(c => cover is not null && cover.Any(c.Contains) ? 1 : 0)
            .ThenBy(c => c.Count);
        var chosen = new List<HashSet<int>>(MaxGuards);
        foreach (var clause in ordered)
        {
            if (chosen.Count == MaxGuards)
                break;
            if (!chosen.Any(clause.SetEquals))
                chosen.Add(clause);
        }
        foreach (var clause in chosen)
        {
            var payload = TopicProgram.AnyPayload(clause);
            _guards.Add(TopicProgram.Any);
            _guards.Add(TopicProgram.Header + payload.Length);
            _guards.AddRange(payload);
        }
        return (start, _guards.Count);
    }

    /// <summary>Clauses that every post matching the node satisfies (a conjunction); null when none is known.</summary>
    private List<HashSet<int>>? Clauses(QueryNode node)
    {
        if (TermLike(node) is { } single)
            return [[single.Id]];
        switch (node)
        {
            case PhraseNode phrase:
                // Every word of a phrase is needed, but one clause (its rarest word, as for the cover) keeps an OR
                // of words and phrases a single clause instead of a product of them.
                return [[TermId(RarestTerm(phrase))]];
            case NearNode near:
                return And([Clauses(near.Left), Clauses(near.Right)]);
            case AndNode and:
                return And(and.Children.Select(Clauses));
            case OrNode or:
                return Or([.. or.Children.Select(Clauses)]);
            default:
                // NOT and followers: no term is necessary.
                return null;
        }
    }

    private static List<HashSet<int>>? And(IEnumerable<List<HashSet<int>>?> children)
    {
        var all = children.Where(c => c is not null).SelectMany(c => c!).ToList();
        return all.Count == 0 ? null : all;
    }

    /// <summary>
    /// (A1 and A2) or (B1 and B2) = (A1 or B1) and (A1 or B2) and ...: distributes while the product is small,
    /// otherwise keeps one clause per child (its smallest, a good guess at the most selective).
    /// </summary>
    private static List<HashSet<int>>? Or(List<List<HashSet<int>>?> children)
    {
        if (children.Count == 0 || children.Any(c => c is null))
            return null;
        var product = 1L;
        foreach (var child in children)
            product = Math.Min(product * child!.Count, MaxDistributed + 1);
        if (product > MaxDistributed)
            children = [.. children.Select(c => new List<HashSet<int>> { c!.MinBy(x => x.Count)! })];
        var result = new List<HashSet<int>> { new() };
        foreach (var child in children)
        {
            var next = new List<HashSet<int>>();
            foreach (var partial in result)
            {
                foreach (var clause in child!)
                {
                    var union = new HashSet<int>(partial);
                    union.UnionWith(clause);
                    next.Add(union);
                }
            }
            result = next;
        }
        return result;
    }
}
