using Earshot.Core.Understanding.Text;

namespace Earshot.Core.Understanding.Language;

/// <summary>
/// Picks the language whose stop words the post uses most. Short posts with no stop word but an English
/// sentiment word count as English; anything else with no evidence, or written mostly in a script other than
/// Latin, is "unknown": we would rather say so than guess.
/// </summary>
internal static class LanguageDetector
{
    public const string Unknown = "unknown";

    private static readonly string[] Codes = ["en", "es", "fr", "de", "pt", "it", "nl"];

    public static IReadOnlyList<string> Supported => Codes;

    public static byte Bit(string code)
    {
        for (var i = 0; i < Supported.Count; i++)
        {
            if (Supported[i] == code)
                return (byte)(1 << i);
        }
        throw new FormatException($"Unsupported language '{code}' in care-patterns.tsv.");
    }

    public static string Detect(string text, TokenList tokens, string? hint)
    {
        Span<int> hits = stackalloc int[Supported.Count];
        var words = 0;
        var englishLexical = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            ref var t = ref tokens[i];
            if (t.Kind == TokenKind.Hashtag && t.Entry?.Valence is not null)
                englishLexical++; // "#fail": hashtags are English evidence, never stop words of another language
            if (t.Kind != TokenKind.Word)
                continue;
            words++;
            if (t.Entry is not { } e)
                continue;
            if (e.LanguageMask == 0)
            {
                if (e.Valence is not null || e.Patterns.Length > 0)
                    englishLexical++;
                continue;
            }
            for (var b = 0; b < hits.Length; b++)
            {
                if ((e.LanguageMask & (1 << b)) != 0)
                    hits[b]++;
            }
        }
        if (MostlyNonLatin(text))
            return Unknown;
        var best = -1;
        var bestHits = 0;
        for (var b = 0; b < hits.Length; b++)
        {
            if (hits[b] > bestHits)
                (best, bestHits) = (b, hits[b]);
        }
        // English words outside the stop-word list still count as English evidence (lexicon words, care phrases).
        hits[0] += englishLexical;
        if (hits[0] >= bestHits && hits[0] > 0)
            best = 0;
        if (best < 0)
            return hint is not null && Supported.Contains(hint) ? hint : Unknown;
        if (hint is not null && Supported.Contains(hint) && hits[Array.IndexOf(Codes, hint)] == hits[best])
            return hint;
        return Supported[best];
    }

    private static bool MostlyNonLatin(string text)
    {
        if (System.Text.Ascii.IsValid(text)) // most posts, checked many chars at a time
            return false;
        var latin = 0;
        var other = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
                continue;
            if (c <= '\u024F')
                latin++;
            else
                other++;
        }
        return other > latin;
    }
}
