using Earshot.Core.Wording;

namespace Earshot.Core.Topics.Query;

/// <summary>
/// Parses the listening query language (docs/QUERY-LANGUAGE.md). Precedence, tightest first:
/// NEAR, NOT, AND (explicit or implicit between adjacent terms), OR. Reports the first error with its column.
/// </summary>
public sealed partial class QueryParser
{
    private readonly string _query;
    private readonly QueryLimits _limits;
    private readonly List<QueryToken> _tokens;
    private int _next;
    private int _depth;
    private int _terms;

    private QueryParser(string query, QueryLimits limits, List<QueryToken> tokens)
    {
        _query = query;
        _limits = limits;
        _tokens = tokens;
    }

    public static QueryParseResult Parse(string query, QueryLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        limits ??= QueryLimits.Default;
        if (query.Length > limits.MaxLength)
            return Fail(new(new Phrase("Query is longer than {0} characters", limits.MaxLength), limits.MaxLength + 1, query));
        if (string.IsNullOrWhiteSpace(query))
            return Fail(new(new Phrase("Empty query: write at least one term"), 1, query));
        var tokens = QueryLexer.Lex(query, limits, out var lexError);
        if (lexError is not null)
            return Fail(lexError);
        try
        {
            var parser = new QueryParser(query, limits, tokens);
            var node = parser.ParseOr();
            // ParseOr stops only at the end or at a ')' that no '(' opened.
            if (parser.Peek.Kind != QueryTokenKind.End)
                throw parser.Error(new Phrase("Unexpected ')' (no matching '(')"), parser.Peek.Column);
            return new(node, null);
        }
        catch (QuerySyntaxException e)
        {
            return Fail(e.Error);
        }
    }

    public static bool TryParse(string query, out QueryNode? result, out QueryError? error, QueryLimits? limits = null)
    {
        var parsed = Parse(query, limits);
        result = parsed.Query;
        error = parsed.Error;
        return parsed.Success;
    }

    public static QueryNode ParseOrThrow(string query, QueryLimits? limits = null)
    {
        var parsed = Parse(query, limits);
        return parsed.Query ?? throw new QuerySyntaxException(parsed.Error!);
    }

    private static QueryParseResult Fail(QueryError error) => new(null, error);

    private QueryToken Peek => _tokens[_next];

    private QueryToken Previous => _next > 0 ? _tokens[_next - 1] : default;

    private QueryToken Take() => _tokens[_next++];

    private QuerySyntaxException Error(Phrase message, int column) => new(new QueryError(message, column, _query));

    private QueryNode ParseOr()
    {
        var first = ParseAnd();
        if (Peek.Kind != QueryTokenKind.Or)
            return first;
        var children = new List<QueryNode> { first };
        while (Peek.Kind == QueryTokenKind.Or)
        {
            Take();
            children.Add(ParseAnd());
        }
        return new OrNode(children, first.Column);
    }

    private QueryNode ParseAnd()
    {
        var first = ParseUnary();
        List<QueryNode>? children = null;
        while (true)
        {
            var kind = Peek.Kind;
            if (kind == QueryTokenKind.And)
                Take();
            else if (kind is not (QueryTokenKind.Word or QueryTokenKind.Phrase or QueryTokenKind.Exact or QueryTokenKind.LeftParen or QueryTokenKind.Not))
                break;
            (children ??= [first]).Add(ParseUnary());
        }
        return children is null ? first : new AndNode(children, first.Column);
    }

    private QueryNode ParseUnary()
    {
        if (Peek.Kind != QueryTokenKind.Not)
            return ParseNear();
        var not = Take();
        Enter(not);
        var child = ParseUnary();
        _depth--;
        return new NotNode(child, not.Column);
    }

    private QueryNode ParseNear()
    {
        var left = ParsePrimary();
        while (Peek.Kind == QueryTokenKind.Near)
        {
            var near = Take();
            var right = ParsePrimary();
            RequirePositional(left);
            RequirePositional(right);
            left = new NearNode(left, right, near.Distance, near.Ordered, left.Column);
        }
        return left;
    }

    private QueryNode ParsePrimary()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case QueryTokenKind.Word:
                Take();
                return Word(token);
            case QueryTokenKind.Phrase:
                Take();
                return Phrase(token, exact: false);
            case QueryTokenKind.Exact:
                Take();
                return Phrase(token, exact: true);
            case QueryTokenKind.LeftParen:
                Take();
                if (Peek.Kind == QueryTokenKind.RightParen)
                    throw Error(new Phrase("Empty parentheses: put terms between '(' and ')'"), Peek.Column);
                Enter(token);
                var inner = ParseOr();
                _depth--;
                if (Peek.Kind != QueryTokenKind.RightParen)
                    throw Error(new Phrase("Expected ')'"), Peek.Column);
                Take();
                return inner;
        }
        var previous = Previous;
        if (previous.IsOperator || previous.Kind == QueryTokenKind.LeftParen)
            throw Error(new Phrase("Expected a term after {0}", previous.Display), token.Column);
        throw Error(new Phrase("Expected a term before {0}", token.Display), token.Column);
    }

    private void Enter(QueryToken token)
    {
        if (++_depth > _limits.MaxDepth)
            throw Error(new Phrase("Query is nested deeper than {0} levels", _limits.MaxDepth), token.Column);
    }

    private static bool IsPositional(QueryNode node) => node switch
    {
        TermNode or PhraseNode or WildcardNode or NearNode => true,
        OrNode or => or.Children.All(IsPositional),
        _ => false,
    };

    private void RequirePositional(QueryNode operand)
    {
        if (!IsPositional(operand))
            throw Error(new Phrase("NEAR needs words, phrases, wildcards or OR groups of them on both sides (not AND, NOT or fields)"), operand.Column);
    }

    private void CountTerms(int count, int column)
    {
        _terms += count;
        if (_terms > _limits.MaxTerms)
            throw Error(new Phrase("Query has more than {0} terms", _limits.MaxTerms), column);
    }
}
