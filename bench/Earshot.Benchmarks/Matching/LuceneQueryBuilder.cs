using Earshot.Core.Topics.Query;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;

namespace Earshot.Benchmarks.Matching;

/// <summary>
/// Translates an Earshot query into the equivalent Lucene query object: NEAR becomes SpanNearQuery (slop =
/// words between, in order or not), wildcards WildcardQuery, NOT a MUST_NOT clause. Fields are not translated.
/// </summary>
internal static class LuceneQueryBuilder
{
    public const string Field = "text";

    public static Query Build(QueryNode node) => node switch
    {
        TermNode t => new TermQuery(new Term(Field, t.Text)),
        PhraseNode p => Phrase(p),
        WildcardNode w => new WildcardQuery(new Term(Field, w.Pattern)),
        AndNode a => Boolean(a.Children, Occur.MUST),
        OrNode o => Boolean(o.Children, Occur.SHOULD),
        NotNode n => Boolean([n], Occur.MUST),
        NearNode n => Span(n),
        _ => throw new NotSupportedException($"{node.GetType().Name} has no Lucene translation in this benchmark"),
    };

    private static PhraseQuery Phrase(PhraseNode phrase)
    {
        var query = new PhraseQuery();
        foreach (var term in phrase.Terms)
            query.Add(new Term(Field, term.Text));
        return query;
    }

    private static BooleanQuery Boolean(IEnumerable<QueryNode> children, Occur occur)
    {
        var query = new BooleanQuery();
        var positive = false;
        foreach (var child in children)
        {
            if (child is NotNode not && occur == Occur.MUST)
            {
                query.Add(Build(not.Child), Occur.MUST_NOT);
                continue;
            }
            // A NOT inside OR means "any post without it": Lucene needs that spelled as all-docs minus it.
            query.Add(child is NotNode n ? Boolean([n], Occur.MUST) : Build(child), occur);
            positive = true;
        }
        if (!positive)
            query.Add(new MatchAllDocsQuery(), Occur.MUST);
        return query;
    }

    private static SpanQuery Span(QueryNode node) => node switch
    {
        TermNode t => new SpanTermQuery(new Term(Field, t.Text)),
        PhraseNode p => new SpanNearQuery([.. p.Terms.Select(Span)], 0, true),
        WildcardNode w => new SpanMultiTermQueryWrapper<WildcardQuery>(new WildcardQuery(new Term(Field, w.Pattern))),
        OrNode o => new SpanOrQuery([.. o.Children.Select(Span)]),
        NearNode n => new SpanNearQuery([Span(n.Left), Span(n.Right)], n.Distance, n.Ordered),
        _ => throw new NotSupportedException($"{node.GetType().Name} inside NEAR"),
    };
}
