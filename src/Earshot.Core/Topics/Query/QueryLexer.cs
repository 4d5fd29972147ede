using Earshot.Core.Wording;

namespace Earshot.Core.Topics.Query;

internal enum QueryTokenKind { Word, Phrase, Exact, LeftParen, RightParen, And, Or, Not, Near, End }

/// <summary>A lexical token of a query. Text is the raw word or the content between quotes/braces.</summary>
internal readonly record struct QueryToken(QueryTokenKind Kind, string Text, int Column, int Distance = 0, bool Ordered = false)
{
    public bool IsOperator => Kind is QueryTokenKind.And or QueryTokenKind.Or or QueryTokenKind.Not or QueryTokenKind.Near;

    /// <summary>How an error message names this token.</summary>
    public Phrase Display => Kind switch
    {
        QueryTokenKind.End => new Phrase("end of query"),
        QueryTokenKind.LeftParen => Phrase.Verbatim("'('"),
        QueryTokenKind.RightParen => Phrase.Verbatim("')'"),
        QueryTokenKind.Phrase => Phrase.Verbatim($"'\"{Text}\"'"),
        QueryTokenKind.Exact => Phrase.Verbatim($"'{{{Text}}}'"),
        _ => Phrase.Verbatim($"'{Text}'"),
    };
}

/// <summary>Splits a query into words, "phrases", {exact} terms, parentheses and upper-case operators.</summary>
internal static class QueryLexer
{
    public static List<QueryToken> Lex(string query, QueryLimits limits, out QueryError? error)
    {
        var tokens = new List<QueryToken>();
        error = null;
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            var column = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(')
            {
                tokens.Add(new(QueryTokenKind.LeftParen, "(", column));
                i++;
            }
            else if (c == ')')
            {
                tokens.Add(new(QueryTokenKind.RightParen, ")", column));
                i++;
            }
            else if (c is '"' or '\u201C' or '\u201D' or '{')
            {
                var close = c == '{' ? "}" : "\"\u201C\u201D";
                var end = query.AsSpan(i + 1).IndexOfAny(close);
                if (end < 0)
                {
                    error = new(c == '{' ? new Phrase("Unterminated '{': add the closing '}'") : new Phrase("Unterminated phrase: add the closing '\"'"), column, query);
                    return tokens;
                }
                var kind = c == '{' ? QueryTokenKind.Exact : QueryTokenKind.Phrase;
                tokens.Add(new(kind, query.Substring(i + 1, end), column));
                i += end + 2;
            }
            else if (c == '}')
            {
                error = new(new Phrase("Unexpected '}' (no matching '{')"), column, query);
                return tokens;
            }
            else
            {
                var start = i;
                while (i < query.Length && !char.IsWhiteSpace(query[i]) && query[i] is not ('(' or ')' or '"' or '{' or '}' or '\u201C' or '\u201D'))
                    i++;
                var word = query[start..i];
                var token = Classify(word, column, query, limits, out error);
                if (error is not null)
                    return tokens;
                tokens.Add(token);
            }
        }
        tokens.Add(new(QueryTokenKind.End, "", query.Length + 1));
        return tokens;
    }

    private static QueryToken Classify(string word, int column, string query, QueryLimits limits, out QueryError? error)
    {
        error = null;
        switch (word)
        {
            case "AND": return new(QueryTokenKind.And, word, column);
            case "OR": return new(QueryTokenKind.Or, word, column);
            case "NOT": return new(QueryTokenKind.Not, word, column);
        }
        if (!word.StartsWith("NEAR", StringComparison.Ordinal))
            return new(QueryTokenKind.Word, word, column);
        if (word.Length == 4 || word[4] != '/')
        {
            error = new(new Phrase("Expected a distance after NEAR, e.g. NEAR/3"), column + 4, query);
            return default;
        }
        var digits = word.AsSpan(5);
        var ordered = digits.EndsWith("f");
        if (ordered)
            digits = digits[..^1];
        if (digits.IsEmpty || !int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var distance))
        {
            error = new(new Phrase("Expected a distance after NEAR/, e.g. NEAR/3 or NEAR/3f"), column + 5, query);
            return default;
        }
        if (distance > limits.MaxNearDistance)
        {
            error = new(new Phrase("NEAR distance must be at most {0}", limits.MaxNearDistance), column + 5, query);
            return default;
        }
        return new(QueryTokenKind.Near, word, column, distance, ordered);
    }
}
