using Earshot.Core.Topics.Query;
using Xunit;

namespace Earshot.Core.Tests.Topics;

public sealed class QueryParserTests
{
    private static QueryNode Parse(string query) => QueryParser.ParseOrThrow(query);

    /// <summary>A compact rendering of the AST so expectations stay readable.</summary>
    private static string Show(QueryNode node) => node switch
    {
        TermNode t => t.ExactCase ? $"{{{t.Text}}}" : t.Text,
        PhraseNode p => $"\"{string.Join(' ', p.Terms.Select(Show))}\"",
        WildcardNode w => $"W({w.Pattern})",
        FieldNode f => $"F({f.Key})",
        FollowersNode f => $"followers {f.Comparison} {f.Value}",
        AndNode a => $"AND({string.Join(", ", a.Children.Select(Show))})",
        OrNode o => $"OR({string.Join(", ", o.Children.Select(Show))})",
        NotNode n => $"NOT({Show(n.Child)})",
        NearNode n => $"NEAR{n.Distance}{(n.Ordered ? "f" : "")}({Show(n.Left)}, {Show(n.Right)})",
        _ => "?",
    };

    [Theory]
    [InlineData("delay", "delay")]
    [InlineData("Café", "cafe")]
    [InlineData("a b", "AND(a, b)")]
    [InlineData("a AND b", "AND(a, b)")]
    [InlineData("a OR b", "OR(a, b)")]
    [InlineData("a b OR c", "OR(AND(a, b), c)")]
    [InlineData("a (b OR c)", "AND(a, OR(b, c))")]
    [InlineData("a NOT b", "AND(a, NOT(b))")]
    [InlineData("a AND NOT b", "AND(a, NOT(b))")]
    [InlineData("NOT NOT a", "NOT(NOT(a))")]
    [InlineData("((a OR (b c)))", "OR(a, AND(b, c))")]
    [InlineData("\"lost my bag\"", "\"lost my bag\"")]
    [InlineData("wi-fi", "\"wi fi\"")]
    [InlineData("don't", "don't")]
    [InlineData("don’t", "don't")]
    [InlineData("a NEAR/3 b", "NEAR3(a, b)")]
    [InlineData("a NEAR/0f b", "NEAR0f(a, b)")]
    [InlineData("\"gate agent\" NEAR/5 (rude OR angry)", "NEAR5(\"gate agent\", OR(rude, angry))")]
    [InlineData("a NEAR/2 b NEAR/4 c", "NEAR4(NEAR2(a, b), c)")]
    [InlineData("a NEAR/2 b c", "AND(NEAR2(a, b), c)")]
    [InlineData("cancel*", "W(cancel*)")]
    [InlineData("colo?r", "W(colo?r)")]
    [InlineData("Décol*", "W(decol*)")]
    [InlineData("{Apple}", "{Apple}")]
    [InlineData("{Apple Pay}", "\"{Apple} {Pay}\"")]
    [InlineData("#UnitedFail", "#unitedfail")]
    [InlineData("@Delta", "@delta")]
    [InlineData("$AAPL", "$aapl")]
    [InlineData("👍🏽", "👍")]
    [InlineData("author:@Jane", "F(author:jane)")]
    [InlineData("channel:Mastodon", "F(channel:mastodon)")]
    [InlineData("channel:twitter", "F(channel:x)")]
    [InlineData("lang:EN", "F(lang:en)")]
    [InlineData("country:FR", "F(country:fr)")]
    [InlineData("is:reply", "F(is:reply)")]
    [InlineData("is:brand", "F(is:brand)")]
    [InlineData("url:https://www.Example.com/Path/", "F(url:example.com/path)")]
    [InlineData("https://example.com/a", "F(url:example.com/a)")]
    [InlineData("site:example.com", "F(site:example.com)")]
    [InlineData("followers:>1000", "followers Greater 1000")]
    [InlineData("followers:>=1,000", "followers GreaterOrEqual 1000")]
    [InlineData("followers:<50", "followers Less 50")]
    [InlineData("followers:<=50", "followers LessOrEqual 50")]
    [InlineData("followers:=7", "followers Equal 7")]
    [InlineData("and or near", "AND(and, or, near)")]
    public void Parse_ValidQuery_BuildsExpectedTree(string query, string expected)
    {
        Assert.Equal(expected, Show(Parse(query)));
    }

    [Theory]
    [InlineData("(a OR b", "Expected ')'", 8)]
    [InlineData("(delay OR cancel AND", "Expected a term after 'AND'", 21)]
    [InlineData("a OR b)", "Unexpected ')' (no matching '(')", 7)]
    [InlineData("()", "Empty parentheses: put terms between '(' and ')'", 2)]
    [InlineData("OR a", "Expected a term before 'OR'", 1)]
    [InlineData(") a", "Expected a term before ')'", 1)]
    [InlineData("(a", "Expected ')'", 3)]
    [InlineData("a (", "Expected a term after '('", 4)]
    [InlineData("a OR OR b", "Expected a term after 'OR'", 6)]
    [InlineData("a NOT", "Expected a term after 'NOT'", 6)]
    [InlineData("a NEAR/3", "Expected a term after 'NEAR/3'", 9)]
    [InlineData("a NEAR b", "Expected a distance after NEAR, e.g. NEAR/3", 7)]
    [InlineData("a NEAR/x b", "Expected a distance after NEAR/, e.g. NEAR/3 or NEAR/3f", 8)]
    [InlineData("a NEAR/101 b", "NEAR distance must be at most 100", 8)]
    [InlineData("(a b) NEAR/3 c", "NEAR needs words, phrases, wildcards or OR groups of them on both sides (not AND, NOT or fields)", 2)]
    [InlineData("a NEAR/3 lang:en", "NEAR needs words, phrases, wildcards or OR groups of them on both sides (not AND, NOT or fields)", 10)]
    [InlineData("\"lost bag", "Unterminated phrase: add the closing '\"'", 1)]
    [InlineData("a \"\"", "Empty phrase: put words inside", 3)]
    [InlineData("{Apple", "Unterminated '{': add the closing '}'", 1)]
    [InlineData("a }", "Unexpected '}' (no matching '{')", 3)]
    [InlineData("{ }", "Empty '{}': put words inside", 1)]
    [InlineData("a !!!", "'!!!' contains no word to search for", 3)]
    [InlineData("*", "A bare wildcard would match every post; put at least 3 letters before '*' or '?'", 1)]
    [InlineData("ca*", "A wildcard needs at least 3 letters before the first '*' or '?'", 1)]
    [InlineData("?ancel", "A wildcard needs at least 3 letters before the first '*' or '?'", 1)]
    [InlineData("wi-f*", "Wildcards apply to single words; '-' cannot be part of 'wi-f*'", 1)]
    [InlineData("a foo:bar", "Unknown field 'foo:'; fields are author:, channel:, lang:, country:, followers:, is:, url:, site:", 3)]
    [InlineData("author:", "Field 'author:' needs a value, e.g. author:jane", 8)]
    [InlineData("channel:myspace", "Unknown channel 'myspace'; expected one of api, mastodon, bluesky, x, reddit, rss, facebook, instagram, email, webchat, intake", 9)]
    [InlineData("is:angry", "Unknown 'is:angry'; expected is:reply or is:brand", 4)]
    [InlineData("followers:1000", "followers: needs a comparison, e.g. followers:>1000 or followers:<=50", 11)]
    [InlineData("followers:>lots", "followers: expects a whole number after the comparison, not 'lots'", 12)]
    [InlineData("\"see https://x.com\"", "A link cannot be part of a phrase or {} term; use url: or site:", 1)]
    [InlineData("   ", "Empty query: write at least one term", 1)]
    // Found by fuzzing (QueryParserFuzzTests): values that fold to nothing were accepted as empty conditions.
    [InlineData("site:#top", "Field 'site:' needs a host, e.g. site:example.com", 6)]
    [InlineData("a url:www./", "Field 'url:' needs a host or path, e.g. url:example.com/path", 7)]
    [InlineData("https://", "'https://' has no host or path after its scheme", 1)]
    [InlineData("author:@@", "Field 'author:' needs a handle after '@', e.g. author:jane", 8)]
    public void Parse_InvalidQuery_ReportsMessageAndColumn(string query, string message, int column)
    {
        var result = QueryParser.Parse(query);

        Assert.False(result.Success);
        Assert.Equal(message, result.Error!.Message);
        Assert.Equal(column, result.Error.Column);
    }

    [Fact]
    public void Error_ToString_ShowsMessageQueryAndCaret()
    {
        var error = QueryParser.Parse("(delay OR cancel").Error!;

        Assert.Equal("Expected ')' at column 17\n(delay OR cancel\n                ^", error.ToString());
        Assert.Equal(new string(' ', 16) + "^", error.CaretLine);
    }

    [Fact]
    public void Parse_TooLong_ReportsLimit()
    {
        var query = string.Join(" OR ", Enumerable.Repeat("delay", 900));

        var error = QueryParser.Parse(query).Error!;

        Assert.Equal("Query is longer than 4096 characters", error.Message);
        Assert.Equal(4097, error.Column);
    }

    [Fact]
    public void Parse_TooManyTerms_ReportsColumnOfFirstExtraTerm()
    {
        var query = string.Join(" OR ", Enumerable.Range(0, 201).Select(i => $"w{i:D3}"));

        var error = QueryParser.Parse(query).Error!;

        Assert.Equal("Query has more than 200 terms", error.Message);
        Assert.Equal(200 * 8 + 1, error.Column);
    }

    [Fact]
    public void Parse_CustomLimits_AreApplied()
    {
        var limits = new QueryLimits { MaxTerms = 2, MaxLength = 20 };

        Assert.Equal("Query has more than 2 terms", QueryParser.Parse("a b c", limits).Error!.Message);
        Assert.Equal("Query is longer than 20 characters", QueryParser.Parse(new string('a', 21), limits).Error!.Message);
    }

    [Fact]
    public void Parse_DeepNesting_ReportsDepthLimit()
    {
        var query = new string('(', 70) + "a" + new string(')', 70);

        var error = QueryParser.Parse(query).Error!;

        Assert.Equal("Query is nested deeper than 64 levels", error.Message);
        Assert.Equal(65, error.Column);
    }

    [Fact]
    public void TryParse_Invalid_ReturnsFalseAndError()
    {
        Assert.False(QueryParser.TryParse("a AND", out var query, out var error));
        Assert.Null(query);
        Assert.Equal(6, error!.Column);
        Assert.True(QueryParser.TryParse("a AND b", out query, out error));
        Assert.NotNull(query);
        Assert.Null(error);
    }

    [Fact]
    public void ParseOrThrow_Invalid_ThrowsWithError()
    {
        var e = Assert.Throws<QuerySyntaxException>(() => QueryParser.ParseOrThrow("(a"));
        Assert.Equal(3, e.Error.Column);
    }
}
