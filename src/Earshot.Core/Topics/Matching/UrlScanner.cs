namespace Earshot.Core.Topics.Matching;

/// <summary>
/// Finds links in text. A URL is one token whose folded form drops the scheme, "www." and a trailing '/':
/// "https://www.Example.com/Path/" folds to "example.com/path", the form url: and site: compare against.
/// </summary>
public static class UrlScanner
{
    public static bool StartsUrl(ReadOnlySpan<char> text, int i)
    {
        if (i > 0 && (SocialTokenizer.IsWordChar(text, i - 1) || text[i - 1] is '/' or '.' or '@'))
            return false;
        var rest = text[i..];
        return rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || (rest.Length > 4 && rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && SocialTokenizer.IsWordChar(rest, 4));
    }

    public static int Read(ReadOnlySpan<char> text, int start, TokenBuffer into)
    {
        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('<' or '>' or '"'))
            end++;
        while (end > start && text[end - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '}' or '\'')
            end--;
        ref var token = ref into.Add(TokenKind.Url, start);
        token.Length = end - start;
        var body = Normalise(text[start..end]);
        foreach (var c in body)
            into.Append(char.ToLowerInvariant(c));
        token.FoldedLength = into.CharCount - token.FoldedStart;
        return end;
    }

    /// <summary>Strips scheme, "www." and trailing '/' (case is folded by the caller).</summary>
    public static ReadOnlySpan<char> Normalise(ReadOnlySpan<char> url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
            url = url[(scheme + 3)..];
        if (url.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            url = url[4..];
        var fragment = url.IndexOf('#');
        if (fragment >= 0)
            url = url[..fragment];
        return url.TrimEnd('/');
    }

    /// <summary>Folded form of a URL given outside the text (MatchInput.Urls, url: and site: values).</summary>
    public static string Fold(string url) => Normalise(url).ToString().ToLowerInvariant();
}
