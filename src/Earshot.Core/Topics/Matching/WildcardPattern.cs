namespace Earshot.Core.Topics.Matching;

/// <summary>A folded wildcard ('*' any run, '?' one char) compiled to the cheapest test: prefix or glob.</summary>
internal sealed class WildcardPattern
{
    private readonly string _pattern;
    private readonly string? _prefix;

    public WildcardPattern(string pattern, int term)
    {
        _pattern = pattern;
        Term = term;
        var first = pattern.AsSpan().IndexOfAny('*', '?');
        if (first == pattern.Length - 1 && pattern[^1] == '*')
            _prefix = pattern[..^1];
        Stem = pattern[..first];
    }

    public int Term { get; }

    /// <summary>The literal characters before the first wildcard.</summary>
    public string Stem { get; }

    public bool Matches(ReadOnlySpan<char> word) =>
        _prefix is not null ? word.StartsWith(_prefix, StringComparison.Ordinal) : Glob(_pattern, word);

    /// <summary>Iterative glob with single backtrack point for the last '*': linear for practical patterns.</summary>
    private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> word)
    {
        int p = 0, w = 0, starP = -1, starW = 0;
        while (w < word.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == word[w]))
            {
                p++;
                w++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starW = w;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                w = ++starW;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }
}
