using System.Globalization;
using System.Text;
using CsCheck;
using Earshot.Core.Topics.Matching;
using Earshot.Core.Topics.Query;
using Earshot.Fuzzing;

namespace Earshot.Core.Tests.Topics;

/// <summary>
/// The query parser on any string: it parses, or answers its parse error at a column inside the query (one past
/// the end for "missing"); nothing else is thrown. A parsed query prints back to text that parses to itself, and
/// matches and highlights hostile posts without throwing.
/// </summary>
public sealed class QueryParserFuzzTests
{
    private static readonly Gen<string> Piece = Gen.Frequency(
        (4, Gen.OneOf("AND", "OR", "NOT", "NEAR/3", "NEAR/0f", "NEAR/", "NEAR/101", "NEAR/99999999999", "NEAR", "(", ")", "((", "))",
            "\"", "\u201C", "\u201D", "{", "}", "*", "?", "delay", "Café", "cancel*", "ca*", "colo?r", "#tag", "@handle", "$AAPL",
            "👍🏽", "wi-fi", "don't", "author:", "author:@Jane", "channel:x", "channel:nope", "lang:EN", "is:reply", "is:what",
            "followers:>1000", "followers:>=99999999999999999999", "followers:<", "followers:1,000", "url:example.com/a",
            "site:", "https://example.com/x?y=1", "zz:top", "a:b:c")),
        (3, Hostile.Text));

    private static readonly Gen<string> Query = Gen.Frequency(
        (6, Piece.Array[0, 12].SelectMany(pieces => Gen.OneOf(" ", "", "\t", "\n").Select(separator => string.Join(separator, pieces)))),
        (1, Hostile.Text),
        (1, Gen.Int[60, 80].Select(depth => new string('(', depth) + "a" + new string(')', depth))),
        (1, Gen.Int[60, 80].Select(depth => string.Concat(Enumerable.Repeat("NOT ", depth)) + "a")),
        (1, Gen.Int[195, 210].Select(n => string.Join(' ', Enumerable.Range(0, n).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture))))),
        (1, Gen.Int[4090, 4100].Select(n => new string('a', n))));

    private static readonly Gen<string> PostText = Gen.Frequency(
        (3, Hostile.Text),
        (2, Piece.Array[0, 20].Select(pieces => string.Join(' ', pieces))));

    [Fact]
    public void Parse_AnyString_ParsesOrReportsAColumnInsideTheQuery() =>
        Fuzz.Check(Query, query =>
        {
            var result = QueryParser.Parse(query);
            Assert.True(result.Success == (result.Error is null), "a result is a query or an error, never both or neither");
            if (result.Error is { } error)
            {
                Assert.InRange(error.Column, 1, query.Length + 1);
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                Assert.Same(query, error.QueryText);
                var thrown = Assert.Throws<QuerySyntaxException>(() => QueryParser.ParseOrThrow(query));
                Assert.Equal(error, thrown.Error);
            }
        }, quick: 2_000, print: Fuzz.Visible);

    [Fact]
    public void ParsedQuery_PrintsBackToItself_AndMatchesHostilePostsWithoutThrowing() =>
        Fuzz.Check(Gen.Select(Query, PostText), input =>
        {
            var (query, text) = input;
            if (QueryParser.Parse(query).Query is not { } parsed)
                return;
            var printed = QueryPrinter.Print(parsed);
            // Printing spells out AND and quotes words, so a query near the length limit prints longer than it.
            var reparsed = QueryParser.Parse(printed, QueryLimits.Default with { MaxLength = int.MaxValue });
            Assert.True(reparsed.Success, $"{Fuzz.Visible(printed)} does not parse: {reparsed.Error}");
            Assert.Equal(Fuzz.Visible(printed), Fuzz.Visible(QueryPrinter.Print(reparsed.Query!)));

            var matcher = new TopicMatcher();
            var topic = Guid.NewGuid();
            Assert.Null(matcher.AddOrUpdate(topic, query));
            var found = new List<Guid>();
            matcher.Match(new MatchInput(text, Author: text, Channel: "x", Language: text, Followers: text.Length, Country: text, Urls: [text]), found);
            foreach (var range in matcher.Highlight(topic, text))
                Assert.InRange(range.Start + range.Length, range.Start, text.Length);
        }, quick: 400, print: t => $"{Fuzz.Visible(t.Item1)} on {Fuzz.Visible(t.Item2)}");
}

/// <summary>Prints a parsed query as query text, with parentheses only where precedence needs them.</summary>
internal static class QueryPrinter
{
    public static string Print(QueryNode node) => node switch
    {
        TermNode { ExactCase: true } t => "{" + t.Text + "}",
        // Quoted: a folded word may contain ':' or '*', which bare would read as a field or a wildcard.
        TermNode t => "\"" + t.Text + "\"",
        PhraseNode p => p.Terms.All(t => t.ExactCase)
            ? "{" + string.Join(' ', p.Terms.Select(t => t.Text)) + "}"
            : "\"" + string.Join(' ', p.Terms.Select(t => t.Text)) + "\"",
        WildcardNode w => w.Pattern,
        FieldNode f => f.Key,
        FollowersNode f => "followers:" + f.Comparison switch
        {
            Comparison.Greater => ">",
            Comparison.GreaterOrEqual => ">=",
            Comparison.Less => "<",
            Comparison.LessOrEqual => "<=",
            _ => "=",
        } + f.Value.ToString(CultureInfo.InvariantCulture),
        AndNode a => string.Join(" AND ", a.Children.Select(c => c is OrNode ? Group(c) : Print(c))),
        OrNode o => string.Join(" OR ", o.Children.Select(Print)),
        NotNode n => "NOT " + (n.Child is AndNode or OrNode or NearNode ? Group(n.Child) : Print(n.Child)),
        NearNode n => Operand(n.Left, right: false) + $" NEAR/{n.Distance.ToString(CultureInfo.InvariantCulture)}{(n.Ordered ? "f" : "")} " + Operand(n.Right, right: true),
        _ => throw new ArgumentException($"unknown node {node.GetType().Name}", nameof(node)),
    };

    private static string Operand(QueryNode node, bool right) =>
        node is OrNode || (right && node is NearNode) ? Group(node) : Print(node);

    private static string Group(QueryNode node) => "(" + Print(node) + ")";
}
