using Earshot.Core.Topics.Query;

namespace Earshot.Core.Topics.Matching;

/// <summary>
/// Compiles parsed topics into one <see cref="MatcherSnapshot"/>: a shared term dictionary, an inverted index
/// from each topic's cover terms to the topic, and a compiled program per topic. The cover of a query is a
/// set of terms at least one of which every matching post contains; topics without one are always evaluated.
/// </summary>
internal sealed class SnapshotBuilder
{
    private readonly Dictionary<string, int> _folded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WildcardPattern> _wildcards = new(StringComparer.Ordinal);
    private readonly List<List<int>?> _postings = [];
    private readonly List<CompiledTopic> _topics = [];
    private readonly List<int> _always = [];
    private bool _hasFields;
    private bool _hasUrlFields;

    private readonly record struct Cover(List<int> Terms, int Cost);

    private const int WordCost = 1, ShortWordCost = 3, WildcardCost = 4, FieldCost = 50;

    public void Add(Guid id, QueryNode query)
    {
        var slot = _topics.Count;
        var (root, cover) = Compile(query);
        _topics.Add(new CompiledTopic(id, root));
        if (cover is null)
        {
            _always.Add(slot);
            return;
        }
        foreach (var term in cover.Value.Terms.Distinct())
        {
            var list = _postings[term] ??= [];
            list.Add(slot);
        }
    }

    public MatcherSnapshot Build()
    {
        var postings = new int[]?[_postings.Count];
        for (var i = 0; i < postings.Length; i++)
            postings[i] = _postings[i]?.ToArray();
        return new MatcherSnapshot(_folded, _exact, [.. _wildcards.Values], postings, [.. _topics], [.. _always], _hasFields, _hasUrlFields);
    }

    private (MatchNode Node, Cover? Cover) Compile(QueryNode node)
    {
        switch (node)
        {
            case TermNode term:
                var id = TermId(term);
                return (new TermMatch(id), new Cover([id], term.Text.Length < 4 ? ShortWordCost : WordCost));
            case PhraseNode phrase:
                var ids = phrase.Terms.Select(TermId).ToArray();
                var rarest = Enumerable.Range(0, ids.Length).MaxBy(i => phrase.Terms[i].Text.Length);
                return (new PhraseMatch(ids), new Cover([ids[rarest]], WordCost));
            case WildcardNode wildcard:
                var wid = WildcardId(wildcard.Pattern);
                return (new TermMatch(wid), new Cover([wid], WildcardCost));
            case FieldNode field:
                _hasFields = true;
                _hasUrlFields |= field.Field is QueryField.Url or QueryField.Site;
                var fid = Intern(_folded, field.Key);
                return (new TermMatch(fid), new Cover([fid], FieldCost));
            case FollowersNode followers:
                return (new FollowersMatch(followers), null);
            case NotNode not:
                return (new NotMatch(Compile(not.Child).Node), null);
            case NearNode near:
                var (left, leftCover) = Compile(near.Left);
                var (right, rightCover) = Compile(near.Right);
                return (new NearMatch(left, right, near.Distance, near.Ordered), Cheapest([leftCover, rightCover]));
            case AndNode and:
                var andParts = and.Children.Select(Compile).ToArray();
                return (new AndMatch([.. andParts.Select(p => p.Node)]), Cheapest(andParts.Select(p => p.Cover)));
            case OrNode or:
                var orParts = or.Children.Select(Compile).ToArray();
                return (Or([.. orParts.Select(p => p.Node)]), Union(orParts.Select(p => p.Cover)));
            default:
                throw new ArgumentException($"Unknown query node {node.GetType().Name}", nameof(node));
        }
    }

    /// <summary>Plain terms of an OR become one <see cref="AnyTermMatch"/>, tested first because it is cheapest.</summary>
    private static MatchNode Or(MatchNode[] children)
    {
        var terms = children.OfType<TermMatch>().Select(t => t.Term).Distinct().ToArray();
        if (terms.Length < 2)
            return new OrMatch(children);
        var any = new AnyTermMatch(terms);
        var rest = children.Where(c => c is not TermMatch).ToArray();
        return rest.Length == 0 ? any : new OrMatch([any, .. rest]);
    }

    private static Cover? Cheapest(IEnumerable<Cover?> covers)
    {
        Cover? best = null;
        foreach (var cover in covers)
        {
            if (cover is { } c && (best is null || c.Cost < best.Value.Cost))
                best = c;
        }
        return best;
    }

    private static Cover? Union(IEnumerable<Cover?> covers)
    {
        var terms = new List<int>();
        var cost = 0;
        foreach (var cover in covers)
        {
            if (cover is null)
                return null;
            terms.AddRange(cover.Value.Terms);
            cost += cover.Value.Cost;
        }
        return new Cover(terms, cost);
    }

    private int TermId(TermNode term) => Intern(term.ExactCase ? _exact : _folded, term.Text);

    private int WildcardId(string pattern)
    {
        if (_wildcards.TryGetValue(pattern, out var existing))
            return existing.Term;
        var id = NewTerm();
        _wildcards.Add(pattern, new WildcardPattern(pattern, id));
        return id;
    }

    private int Intern(Dictionary<string, int> terms, string key)
    {
        if (!terms.TryGetValue(key, out var id))
        {
            id = NewTerm();
            terms.Add(key, id);
        }
        return id;
    }

    private int NewTerm()
    {
        _postings.Add(null);
        return _postings.Count - 1;
    }
}

internal sealed record CompiledTopic(Guid Id, MatchNode Root);
