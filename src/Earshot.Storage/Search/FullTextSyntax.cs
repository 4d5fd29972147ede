using System.Globalization;
using System.Text;
using Earshot.Core.Topics.Query;

namespace Earshot.Storage.Search;

/// <summary>
/// Writes the text part of a listening query (terms, phrases, wildcards, NEAR, AND/OR/NOT) in a database's own
/// full-text syntax: an SQLite FTS5 MATCH expression or a PostgreSQL tsquery for <c>to_tsquery('english', …)</c>.
/// Every word is quoted, so no user text is ever read as syntax; the database's tokenizer then stems it exactly as it
/// stemmed the posts ("refunds" and "refund" meet at "refund"). Returns null for a node the index cannot answer on its
/// own (unary NOT, fields, a word with no letter or digit such as an emoji); <see cref="PostTextQuery"/> turns those
/// into SQL conditions instead.
/// </summary>
public abstract class FullTextSyntax
{
    public static FullTextSyntax For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? new TsQuerySyntax() : new Fts5Syntax();

    public string? Write(QueryNode node) => node switch
    {
        TermNode term => Indexable(term.Text) ? Word(term.Text) : null,
        PhraseNode phrase => phrase.Terms.All(t => Indexable(t.Text)) ? Phrase(phrase.Terms.Select(t => t.Text).ToList()) : null,
        WildcardNode wildcard => Prefix(WildcardStem(wildcard.Pattern)),
        NearNode near => WriteNear(near),
        OrNode or => All(or.Children) is { } parts ? Join(" " + OrOperator + " ", parts) : null,
        AndNode and => WriteAnd(and.Children),
        _ => null,
    };

    /// <summary>Whether a word has something the tokenizers index: a letter or a digit. Emoji and symbols do not.</summary>
    public static bool Indexable(string word) => word.Any(char.IsLetterOrDigit);

    /// <summary>The letters before a wildcard's first '*' or '?': the index answers the prefix, so canc*ed finds canceled and also cancels.</summary>
    public static string WildcardStem(string pattern)
    {
        var stop = pattern.AsSpan().IndexOfAny('*', '?');
        return (stop < 0 ? pattern : pattern[..stop]).TrimStart('#', '@', '$');
    }

    /// <summary>True when the index answers the wildcard exactly (one trailing '*'); other wildcards are answered as their prefix.</summary>
    public static bool IsPlainPrefix(string pattern) => pattern.IndexOfAny(['*', '?']) == pattern.Length - 1 && pattern[^1] == '*';

    protected abstract string OrOperator { get; }

    protected abstract string Word(string word);

    protected abstract string Phrase(IReadOnlyList<string> words);

    protected abstract string Prefix(string stem);

    protected abstract string And(IReadOnlyList<string> positives, IReadOnlyList<string> negatives);

    /// <summary>Left and right with at most <paramref name="distance"/> words between them.</summary>
    protected abstract string? Near(QueryNode left, QueryNode right, int distance, bool ordered);

    private string? WriteNear(NearNode near)
    {
        // A nested NEAR has no exact form: answer it as both sides present (broader, documented).
        if (near.Left is NearNode || near.Right is NearNode || Operands(near.Left) is null || Operands(near.Right) is null)
            return Write(near.Left) is { } l && Write(near.Right) is { } r ? And([l, r], []) : null;
        return Near(near.Left, near.Right, near.Distance, near.Ordered);
    }

    /// <summary>The alternatives of one NEAR side: a word, phrase or wildcard, or an OR of them.</summary>
    protected static IReadOnlyList<QueryNode>? Operands(QueryNode side) => side switch
    {
        TermNode t when Indexable(t.Text) => [t],
        PhraseNode p when p.Terms.All(t => Indexable(t.Text)) => [p],
        WildcardNode w => [w],
        OrNode or => or.Children.Select(Operands).ToList() is var all && all.All(a => a is not null) ? all.SelectMany(a => a!).ToList() : null,
        _ => null,
    };

    private string? WriteAnd(IReadOnlyList<QueryNode> children)
    {
        var positives = new List<string>();
        var negatives = new List<string>();
        foreach (var child in children)
        {
            if (child is NotNode not && Write(not.Child) is { } negative)
                negatives.Add(negative);
            else if (Write(child) is { } positive)
                positives.Add(positive);
            else
                return null;
        }
        return positives.Count == 0 ? null : And(positives, negatives);
    }

    private List<string>? All(IEnumerable<QueryNode> nodes)
    {
        var parts = new List<string>();
        foreach (var node in nodes)
        {
            if (Write(node) is not { } part)
                return null;
            parts.Add(part);
        }
        return parts;
    }

    protected static string Join(string separator, IEnumerable<string> parts) => "(" + string.Join(separator, parts) + ")";

    /// <summary>SQLite FTS5: "quoted" strings (quotes doubled), "stem"*, NEAR("a" "b c", k), AND / OR / NOT.</summary>
    private sealed class Fts5Syntax : FullTextSyntax
    {
        protected override string OrOperator => "OR";

        protected override string Word(string word) => Quote(word);

        protected override string Phrase(IReadOnlyList<string> words) => Quote(string.Join(' ', words));

        protected override string Prefix(string stem) => Quote(stem) + "*";

        protected override string And(IReadOnlyList<string> positives, IReadOnlyList<string> negatives)
        {
            var all = Join(" AND ", positives);
            return negatives.Count == 0 ? all : "(" + all + " NOT " + Join(" OR ", negatives) + ")";
        }

        // FTS5's NEAR is unordered, so NEAR/kf is answered as NEAR/k (broader, documented). NEAR takes phrases only:
        // an OR group on either side is written out as an OR of NEARs.
        protected override string? Near(QueryNode left, QueryNode right, int distance, bool ordered)
        {
            var pairs = from l in Operands(left)! from r in Operands(right)!
                        select string.Create(CultureInfo.InvariantCulture, $"NEAR({Operand(l)} {Operand(r)}, {distance})");
            return Join(" OR ", pairs);
        }

        private string Operand(QueryNode node) => node switch
        {
            WildcardNode w => Prefix(WildcardStem(w.Pattern)),
            _ => Write(node)!,
        };

        private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>PostgreSQL tsquery: 'quoted' lexemes, 'stem':*, &lt;-&gt; and &lt;N&gt; for order and distance, &amp; | !.</summary>
    private sealed class TsQuerySyntax : FullTextSyntax
    {
        protected override string OrOperator => "|";

        protected override string Word(string word) => Quote(word);

        protected override string Phrase(IReadOnlyList<string> words) => Join(" <-> ", words.Select(Quote));

        protected override string Prefix(string stem) => Quote(stem) + ":*";

        protected override string And(IReadOnlyList<string> positives, IReadOnlyList<string> negatives) =>
            Join(" & ", positives.Concat(negatives.Select(n => "!" + n)));

        // <N> means "exactly N positions later", so "at most k words between, either order" is every distance from 1 to
        // k+1 in both directions. Positions counted by PostgreSQL skip no words, but stop words ("my", "the") leave gaps
        // in the vector, which <N> counts like words.
        protected override string? Near(QueryNode left, QueryNode right, int distance, bool ordered)
        {
            var l = Write(left);
            var r = Write(right);
            if (l is null || r is null)
                return null;
            var parts = new List<string>();
            for (var gap = 1; gap <= distance + 1; gap++)
            {
                var op = string.Create(CultureInfo.InvariantCulture, $" <{gap}> ");
                parts.Add("(" + l + op + r + ")");
                if (!ordered)
                    parts.Add("(" + r + op + l + ")");
            }
            return Join(" | ", parts);
        }

        private static string Quote(string word)
        {
            var text = new StringBuilder(word.Length + 2).Append('\'');
            foreach (var c in word)
            {
                if (c is '\'' or '\\')
                    text.Append(c);
                text.Append(c);
            }
            return text.Append('\'').ToString();
        }
    }
}
