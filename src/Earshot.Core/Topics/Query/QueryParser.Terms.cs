using Earshot.Core.Wording;
using System.Globalization;
using Earshot.Core.Posts;
using Earshot.Core.Topics.Matching;

namespace Earshot.Core.Topics.Query;

/// <summary>Turning one word of a query into a term, phrase, wildcard or field condition.</summary>
public sealed partial class QueryParser
{
    private static readonly string FieldList = "author:, channel:, lang:, country:, followers:, is:, url:, site:";

    private QueryNode Word(QueryToken token)
    {
        var word = token.Text;
        if (UrlScanner.StartsUrl(word, 0))
        {
            CountTerms(1, token.Column);
            return new FieldNode(QueryField.Url, Link(word, new Phrase("'{0}' has no host or path after its scheme", word), token.Column), token.Column);
        }
        var colon = word.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && word.AsSpan(0, colon).ContainsAnyExceptInRange('a', 'z') is false)
            return Field(word[..colon], word[(colon + 1)..], token.Column);
        if (word.AsSpan().IndexOfAny('*', '?') >= 0)
            return Wildcard(word, token.Column);
        return FromText(word, token.Column, exact: false, emptyMessage: new Phrase("'{0}' contains no word to search for", word));
    }

    private QueryNode Phrase(QueryToken token, bool exact)
    {
        return FromText(token.Text, token.Column, exact, exact ? new Phrase("Empty '{}': put words inside") : new Phrase("Empty phrase: put words inside"));
    }

    /// <summary>Tokenizes text exactly as posts are tokenized: one token is a term, several a phrase.</summary>
    private QueryNode FromText(string text, int column, bool exact, Phrase emptyMessage)
    {
        var buffer = SocialTokenizer.Tokenize(text);
        if (buffer.Count == 0)
            throw Error(emptyMessage, column);
        CountTerms(buffer.Count, column);
        var terms = new List<TermNode>(buffer.Count);
        for (var i = 0; i < buffer.Count; i++)
        {
            ref var t = ref buffer.Tokens[i];
            if (t.Kind == TokenKind.Url)
                throw Error(new Phrase("A link cannot be part of a phrase or {} term; use url: or site:"), column);
            var value = exact ? text.Substring(t.Start, t.Length) : buffer.Folded(t).ToString();
            terms.Add(new TermNode(value, exact, column));
        }
        return terms.Count == 1 ? terms[0] : new PhraseNode(terms, column);
    }

    private QueryNode Wildcard(string word, int column)
    {
        var first = word.AsSpan().IndexOfAny('*', '?');
        var stem = SocialTokenizer.Tokenize(word.AsSpan(0, first));
        if (word.Trim('*', '?').Length == 0)
            throw Error(new Phrase("A bare wildcard would match every post; put at least 3 letters before '*' or '?'"), column);
        foreach (var c in word)
        {
            if (c is not ('*' or '?' or '_' or '\'' or '#' or '@' or '$') && !char.IsLetterOrDigit(c))
                throw Error(new Phrase("Wildcards apply to single words; '{0}' cannot be part of '{1}'", c, word), column);
        }
        var stemLength = stem.Count == 1 ? stem.Tokens[0].FoldedLength : 0;
        if (stemLength < _limits.MinWildcardStem || stem.Tokens[0].Length != first)
            throw Error(new Phrase("A wildcard needs at least {0} letters before the first '*' or '?'", _limits.MinWildcardStem), column);
        CountTerms(1, column);
        return new WildcardNode(TextFolding.FoldString(word), column);
    }

    private QueryNode Field(string name, string value, int column)
    {
        var valueColumn = column + name.Length + 1;
        if (value.Length == 0)
            throw Error(new Phrase("Field '{0}:' needs a value, e.g. {1}", name, Example(name)), valueColumn);
        CountTerms(1, column);
        switch (name)
        {
            case "author":
                var handle = TextFolding.FoldString(value.TrimStart('@'));
                if (handle.Length == 0)
                    throw Error(new Phrase("Field 'author:' needs a handle after '@', e.g. {0}", Example(name)), valueColumn);
                return new FieldNode(QueryField.Author, handle, column);
            case "channel":
                if (!ChannelKinds.TryParse(value, out var channel))
                    throw Error(new Phrase("Unknown channel '{0}'; expected one of {1}", value, ChannelKinds.Expected), valueColumn);
                return new FieldNode(QueryField.Channel, channel.WireName(), column);
            case "lang":
                return new FieldNode(QueryField.Lang, value.ToLowerInvariant(), column);
            case "country":
                return new FieldNode(QueryField.Country, value.ToLowerInvariant(), column);
            case "is":
                var what = value.ToLowerInvariant();
                if (what is not ("reply" or "brand"))
                    throw Error(new Phrase("Unknown 'is:{0}'; expected is:reply or is:brand", value), valueColumn);
                return new FieldNode(QueryField.Is, what, column);
            case "url":
                return new FieldNode(QueryField.Url, Link(value, new Phrase("Field 'url:' needs a host or path, e.g. {0}", Example(name)), valueColumn), column);
            case "site":
                return new FieldNode(QueryField.Site, Link(value, new Phrase("Field 'site:' needs a host, e.g. {0}", Example(name)), valueColumn), column);
            case "followers":
                return Followers(value, column, valueColumn);
        }
        throw Error(new Phrase("Unknown field '{0}:'; fields are {1}", name, FieldList), column);
    }

    /// <summary>The folded link; one that folds to nothing ("https://", "site:#top") would compare against every link.</summary>
    private string Link(string value, Phrase message, int column)
    {
        var folded = UrlScanner.Fold(value);
        if (folded.Length == 0)
            throw Error(message, column);
        return folded;
    }

    private FollowersNode Followers(string value, int column, int valueColumn)
    {
        var (comparison, digits) = value switch
        {
            _ when value.StartsWith(">=", StringComparison.Ordinal) => (Comparison.GreaterOrEqual, value[2..]),
            _ when value.StartsWith("<=", StringComparison.Ordinal) => (Comparison.LessOrEqual, value[2..]),
            _ when value.StartsWith('>') => (Comparison.Greater, value[1..]),
            _ when value.StartsWith('<') => (Comparison.Less, value[1..]),
            _ when value.StartsWith('=') => (Comparison.Equal, value[1..]),
            _ => throw Error(new Phrase("followers: needs a comparison, e.g. followers:>1000 or followers:<=50"), valueColumn),
        };
        if (!long.TryParse(digits.Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw Error(new Phrase("followers: expects a whole number after the comparison, not '{0}'", digits), valueColumn + value.Length - digits.Length);
        return new FollowersNode(comparison, number, column);
    }

    private static string Example(string field) => field switch
    {
        "author" => "author:jane",
        "channel" => "channel:mastodon",
        "lang" => "lang:en",
        "country" => "country:fr",
        "is" => "is:reply",
        "url" => "url:example.com/path",
        "site" => "site:example.com",
        "followers" => "followers:>1000",
        _ => "name:value",
    };
}
