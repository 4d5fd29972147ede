using Earshot.Core.Understanding.Lexicon;
using Earshot.Core.Understanding.Text;

namespace Earshot.Core.Understanding.Aspects;

/// <summary>
/// Finds what a post is about without a tagger: known customer-care aspects ("customer service", "app"), and
/// up to two content words after a determiner ("the seat", "my checked bags"). Phrases are lower-cased and the
/// last word singularised, so "seats" and "the seat" count together.
/// </summary>
internal static class AspectExtractor
{
    private const int MaxAspects = 5;

    public static IReadOnlyList<string> Extract(string text, TokenList tokens, PatternScan scan)
    {
        List<string>? aspects = null;
        foreach (var hit in scan.Cues)
        {
            if (hit.Pattern.Kind == PatternKind.Aspect)
                AddDistinct(ref aspects, hit.Pattern.Tag);
        }
        for (var i = 0; i + 1 < tokens.Count && (aspects?.Count ?? 0) < MaxAspects; i++)
        {
            if (tokens[i].Entry is not { } d || !d.Has(WordFlags.Determiner))
                continue;
            var first = i + 1;
            // "my Aurora bill", "the new Aurora": names (the brand, a rival) are what the post is about, not the aspect.
            while (first < tokens.Count && IsName(text, tokens, first))
                first++;
            var end = first;
            while (end < tokens.Count && end - first < 2 && IsContentWord(text, tokens, end) && !IsName(text, tokens, end))
                end++;
            if (end == first)
                continue;
            var phrase = end - first == 1
                ? Singular(Tokenizer.Lower(text, tokens[first]))
                : Tokenizer.Lower(text, tokens[first]) + " " + Singular(Tokenizer.Lower(text, tokens[first + 1]));
            if (AspectNames.Normalise(phrase) is { } name && !IsCovered(aspects, name))
                AddDistinct(ref aspects, name);
        }
        return aspects ?? (IReadOnlyList<string>)[];
    }

    private static bool IsContentWord(string text, TokenList tokens, int i)
    {
        ref var t = ref tokens[i];
        if (t.Kind != TokenKind.Word || t.Length < 3)
            return false;
        if (t.Entry is { } e && (e.Has(WordFlags.Function) || e.Has(WordFlags.Negator) || e.Valence is not null
                                 || e.LanguageMask != 0 || HasValencePattern(e)))
            return false;
        // Past tenses and participles are usually the verb after the subject: "the flight delayed".
        var word = text.AsSpan(t.Start, t.Length);
        return !word.EndsWith("ed", StringComparison.OrdinalIgnoreCase) && !word.EndsWith("ing", StringComparison.OrdinalIgnoreCase)
               && !word.EndsWith("ly", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsName(string text, TokenList tokens, int i) =>
        tokens[i].Kind == TokenKind.Word && char.IsUpper(text[tokens[i].Start]) && !IsAllCaps(text.AsSpan(tokens[i].Start, tokens[i].Length));

    // Shouting ("the BATTERY is dead") is not a name.
    private static bool IsAllCaps(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsLower(c))
                return false;
        }
        return true;
    }

    private static bool HasValencePattern(WordEntry entry)
    {
        foreach (var p in entry.Patterns)
        {
            if (p.Kind == PatternKind.Valence)
                return true;
        }
        return false;
    }

    public static string Singular(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
            return word[..^3] + "y";
        if (word.Length > 4 && (word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)
                                || word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)))
            return word[..^2];
        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)
            && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal))
            return word[..^1];
        return word;
    }

    private static bool IsCovered(List<string>? aspects, string phrase)
    {
        if (aspects is null)
            return false;
        foreach (var a in aspects)
        {
            if (a.EndsWith(phrase, StringComparison.Ordinal) || phrase.EndsWith(a, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static void AddDistinct(ref List<string>? aspects, string aspect)
    {
        aspects ??= new List<string>(2);
        if (!aspects.Contains(aspect))
            aspects.Add(aspect);
    }
}
