using Earshot.Core.Topics.Query;

namespace Earshot.Core.Topics.Matching;

/// <summary>
/// Compiles parsed topics into one <see cref="MatcherSnapshot"/>: a shared term dictionary, an inverted index
/// from each topic's cover terms to the topic, and a compiled program per topic. The cover of a query is a
/// set of terms at least one of which every matching post contains; topics without one are always evaluated.
/// </summary>
internal sealed partial class SnapshotBuilder
{
    private readonly Dictionary<string, int> _folded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WildcardPattern> _wildcards = new(StringComparer.Ordinal);
    private readonly List<List<int>?> _postings = [];
    private readonly List<CompiledTopic> _topics = [];
    private readonly List<int> _code = [];
    private readonly List<FollowersNode> _conditions = [];
    private readonly List<int> _always = [];
    private readonly List<(Guid Id, QueryNode Query)> _pending = [];
    private readonly Dictionary<string, int> _usage = new(StringComparer.Ordinal);
    private bool _hasFields;
    private bool _hasUrlFields;

    private readonly record struct Cover(List<int> Terms, int Cost);

    private const int WordCost = 1, ShortWordCost = 3, WildcardCost = 4, FieldCost = 50;

    public void Add(Guid id, QueryNode query) => _pending.Add((id, query));

    public MatcherSnapshot Build()
    {
        foreach (var (_, query) in _pending)
            CountUsage(query);
        foreach (var (id, query) in _pending)
            Compile(id, query);
        var postings = new int[]?[_postings.Count];
        for (var i = 0; i < postings.Length; i++)
            postings[i] = _postings[i]?.ToArray();
        return new MatcherSnapshot(
            _folded, _exact, [.. _wildcards.Values], postings, [.. _topics], [.. _code], [.. _conditions], [.. _always], [.. _guards], _hasFields, _hasUrlFields);
    }

    private void Compile(Guid id, QueryNode query)
    {
        var slot = _topics.Count;
        var offset = _code.Count;
        var cover = Compile(query);
        var (guardStart, guardEnd) = CompileGuards(query, cover?.Terms);
        _topics.Add(new CompiledTopic(id, offset, guardStart, guardEnd));
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

    /// <summary>
    /// How many topics use each term: a word many topics use ("flight", "app") is a common word, a poor index key;
    /// a brand name few topics use is a good one. Covers prefer the least used terms.
    /// </summary>
    private void CountUsage(QueryNode node)
    {
        switch (node)
        {
            case TermNode term:
                _usage[UsageKey(term)] = _usage.GetValueOrDefault(UsageKey(term)) + 1;
                break;
            case WildcardNode wildcard:
                _usage[wildcard.Pattern] = _usage.GetValueOrDefault(wildcard.Pattern) + 1;
                break;
            case PhraseNode phrase:
                foreach (var term in phrase.Terms)
                    CountUsage(term);
                break;
            case NotNode not:
                CountUsage(not.Child);
                break;
            case NearNode near:
                CountUsage(near.Left);
                CountUsage(near.Right);
                break;
            case AndNode and:
                and.Children.ToList().ForEach(CountUsage);
                break;
            case OrNode or:
                or.Children.ToList().ForEach(CountUsage);
                break;
        }
    }

    private static string UsageKey(TermNode term) => term.ExactCase ? "{" + term.Text : term.Text;

    private int UsageCost(string key) => _usage.GetValueOrDefault(key) / 8;

    /// <summary>Appends the node's code; returns its cover, or null when no term set is necessary for a match.</summary>
    private Cover? Compile(QueryNode node)
    {
        if (TermLike(node) is { } single)
        {
            Emit(TopicProgram.Term, single.Id);
            return new Cover([single.Id], single.Cost);
        }
        switch (node)
        {
            case PhraseNode phrase:
                var ids = phrase.Terms.Select(TermId).ToArray();
                Emit(TopicProgram.Phrase, ids);
                var rarest = RarestTerm(phrase);
                return new Cover([TermId(rarest)], WordCost + UsageCost(UsageKey(rarest)));
            case FollowersNode followers:
                _conditions.Add(followers);
                Emit(TopicProgram.Followers, _conditions.Count - 1);
                return null;
            case NotNode not:
                var notStart = Open(TopicProgram.Not);
                Compile(not.Child);
                Close(notStart);
                return null;
            case NearNode near:
                var nearStart = Open(TopicProgram.Near, near.Distance, near.Ordered ? 1 : 0);
                var leftCover = Compile(near.Left);
                var rightCover = Compile(near.Right);
                Close(nearStart);
                return Cheapest([leftCover, rightCover]);
            case AndNode and:
                var andStart = Open(TopicProgram.And);
                var andCovers = and.Children.Select(Compile).ToList();
                Close(andStart);
                return Cheapest(andCovers);
            case OrNode or:
                return CompileOr(or);
            default:
                throw new ArgumentException($"Unknown query node {node.GetType().Name}", nameof(node));
        }
    }

    private TermNode RarestTerm(PhraseNode phrase) =>
        phrase.Terms.MinBy(t => (_usage.GetValueOrDefault(UsageKey(t)), -t.Text.Length))!;

    /// <summary>
    /// Plain terms of an OR become one Any node (a few bitset tests, since topics share most of their vocabulary
    /// and its ids are close together), placed first because it is the cheapest test.
    /// </summary>
    private Cover? CompileOr(OrNode or)
    {
        var start = Open(TopicProgram.Or);
        var terms = or.Children.Select(TermLike).OfType<(int Id, int Cost)>().ToList();
        var covers = new List<Cover?>();
        if (terms.Count > 0)
        {
            Emit(TopicProgram.Any, TopicProgram.AnyPayload(terms.Select(t => t.Id)));
            covers.AddRange(terms.Select(t => (Cover?)new Cover([t.Id], t.Cost)));
        }
        foreach (var child in or.Children.Where(c => c is not (TermNode or WildcardNode or FieldNode)))
            covers.Add(Compile(child));
        Close(start);
        return Union(covers);
    }

    /// <summary>A node that is one term id (word, tag, emoji, wildcard, field), with its cover cost.</summary>
    private (int Id, int Cost)? TermLike(QueryNode node)
    {
        switch (node)
        {
            case TermNode term:
                return (TermId(term), (term.Text.Length < 4 ? ShortWordCost : WordCost) + UsageCost(UsageKey(term)));
            case WildcardNode wildcard:
                return (WildcardId(wildcard.Pattern), WildcardCost + UsageCost(wildcard.Pattern));
            case FieldNode field:
                _hasFields = true;
                _hasUrlFields |= field.Field is QueryField.Url or QueryField.Site;
                return (Intern(_folded, field.Key), FieldCost);
            default:
                return null;
        }
    }

    private void Emit(int op, params int[] payload)
    {
        _code.Add(op);
        _code.Add(TopicProgram.Header + payload.Length);
        _code.AddRange(payload);
    }

    private int Open(int op, params int[] payload)
    {
        var start = _code.Count;
        _code.Add(op);
        _code.Add(0);
        _code.AddRange(payload);
        return start;
    }

    private void Close(int start) => _code[start + 1] = _code.Count - start;

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

/// <summary>A topic's id, where its code starts in the snapshot's code array, and its guards in the guard array.</summary>
internal readonly record struct CompiledTopic(Guid Id, int Offset, int GuardStart, int GuardEnd);
