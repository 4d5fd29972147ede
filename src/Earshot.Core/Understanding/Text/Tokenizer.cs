using Earshot.Core.Understanding.Lexicon;

namespace Earshot.Core.Understanding.Text;

/// <summary>
/// Splits social text into words, hashtags, mentions, URLs, emoji and emoticons in one pass, lower-casing into a
/// scratch buffer and looking each token up once. Allocation-free apart from HTML-entity decoding.
/// </summary>
internal static class Tokenizer
{
    /// <summary>Tokenizes <paramref name="text"/> into <paramref name="result"/>; returns the text the tokens point into.</summary>
    public static string Tokenize(string text, Lexicon.Lexicon lexicon, TokenList result)
    {
        result.Clear();
        text = DecodeEntities(text);
        var buffer = result.Buffer(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (IsWordChar(c))
            {
                i = ReadWord(text, i, TokenKind.Word, lexicon, buffer, result);
                continue;
            }
            if (c == '#' && i + 1 < text.Length && IsWordChar(text[i + 1]))
            {
                i = ReadWord(text, i + 1, TokenKind.Hashtag, lexicon, buffer, result);
                continue;
            }
            if (c == '@' && i + 1 < text.Length && IsWordChar(text[i + 1]))
            {
                var end = i + 1;
                while (end < text.Length && (IsWordChar(text[end]) || text[end] == '_'))
                    end++;
                result.Add(new Token { Start = i, Length = end - i, Kind = TokenKind.Mention });
                i = end;
                continue;
            }
            if (char.IsSurrogate(c) || IsSymbolEmoji(c))
            {
                i = ReadEmoji(text, i, lexicon, result);
                continue;
            }
            i = ReadSymbols(text, i, lexicon, result);
        }
        return text;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    private static bool IsSymbolEmoji(char c) => c is >= '\u2600' and <= '\u27BF' or '\u2B50' or '\u2B55' or '\u2B06' or '\u2B07';

    private static int ReadWord(string text, int start, TokenKind kind, Lexicon.Lexicon lexicon, char[] buffer, TokenList result)
    {
        if (kind == TokenKind.Word && IsUrlStart(text, start))
        {
            var urlEnd = start;
            while (urlEnd < text.Length && !char.IsWhiteSpace(text[urlEnd]))
                urlEnd++;
            result.Add(new Token { Start = start, Length = urlEnd - start, Kind = TokenKind.Url });
            return urlEnd;
        }
        var end = start;
        var letters = 0;
        var upper = 0;
        var digitsOnly = true;
        var elongated = false;
        while (end < text.Length)
        {
            var c = text[end];
            if (c is '\'' or '\u2019' && end + 1 < text.Length && char.IsLetter(text[end + 1]) && end > start)
                c = '\'';
            else if (!IsWordChar(c))
                break;
            char lowered;
            if (char.IsAscii(c))
            {
                // Most words are ASCII: classify and lower-case them without the Unicode tables.
                var folded = (char)(c | 0x20);
                if (folded is >= 'a' and <= 'z')
                {
                    letters++;
                    digitsOnly = false;
                    if (c <= 'Z')
                        upper++;
                    lowered = folded;
                }
                else
                {
                    digitsOnly &= c != '\'';
                    lowered = c;
                }
            }
            else
            {
                if (char.IsLetter(c))
                {
                    letters++;
                    digitsOnly = false;
                    if (char.IsUpper(c))
                        upper++;
                }
                lowered = char.ToLowerInvariant(c);
            }
            var n = end - start;
            buffer[n] = lowered;
            if (n >= 2 && buffer[n - 1] == lowered && buffer[n - 2] == lowered && char.IsLetter(lowered))
                elongated = true;
            end++;
        }
        var span = buffer.AsSpan(0, end - start);
        var entry = lexicon.Find(span);
        if (entry is null && elongated)
            entry = lexicon.Find(Collapse(span, buffer, 2)) ?? lexicon.Find(Collapse(span, buffer, 1));
        if (entry is null && kind == TokenKind.Hashtag)
            entry = CompoundHashtag(span, lexicon);
        result.Add(new Token
        {
            Start = start,
            Length = end - start,
            Kind = digitsOnly && kind == TokenKind.Word ? TokenKind.Number : kind,
            Entry = entry,
            AllCaps = letters >= 2 && upper == letters,
            Elongated = elongated,
        });
        return end;
    }

    /// <summary>"#customerservicefail", "#neveragain": the strongest sentiment word the tag starts or ends with.</summary>
    private static WordEntry? CompoundHashtag(ReadOnlySpan<char> tag, Lexicon.Lexicon lexicon)
    {
        const int MinPart = 4;
        const double MinStrength = 1.5;
        WordEntry? best = null;
        for (var length = MinPart; length <= tag.Length - 2; length++)
        {
            best = Stronger(best, lexicon.Find(tag[..length]), MinStrength);
            best = Stronger(best, lexicon.Find(tag[^length..]), MinStrength);
        }
        return best;
    }

    private static WordEntry? Stronger(WordEntry? best, WordEntry? candidate, double minStrength) =>
        candidate is { Valence: { } v } && Math.Abs(v) >= minStrength && (best is null || Math.Abs(v) > Math.Abs(best.Valence!.Value))
            ? candidate
            : best;

    private static bool IsUrlStart(string text, int i) =>
        text.AsSpan(i).StartsWith("http", StringComparison.OrdinalIgnoreCase)
        && text.AsSpan(i).IndexOf("://", StringComparison.Ordinal) is >= 4 and <= 5
        || text.AsSpan(i).StartsWith("www.", StringComparison.OrdinalIgnoreCase);

    /// <summary>Collapses runs longer than <paramref name="keep"/> letters, in place after the word ("soooo" → "soo" → "so").</summary>
    private static ReadOnlySpan<char> Collapse(ReadOnlySpan<char> word, char[] buffer, int keep)
    {
        var target = buffer.AsSpan(word.Length);
        var n = 0;
        for (var i = 0; i < word.Length; i++)
        {
            var run = 1;
            while (run <= keep && n - run >= 0 && target[n - run] == word[i])
                run++;
            if (run > keep)
                continue;
            target[n++] = word[i];
        }
        return target[..n];
    }

    private static int ReadEmoji(string text, int start, Lexicon.Lexicon lexicon, TokenList result)
    {
        var length = char.IsHighSurrogate(text[start]) && start + 1 < text.Length ? 2 : 1;
        var entry = lexicon.Find(text.AsSpan(start, length));
        var end = start + length;
        // Skip variation selectors, joiners and skin tones so "👍🏽" counts as one thumbs-up.
        while (end < text.Length && (text[end] is '\uFE0F' or '\u200D' || IsSkinTone(text, end)))
            end += text[end] is '\uFE0F' or '\u200D' ? 1 : 2;
        result.Add(new Token { Start = start, Length = length, Kind = TokenKind.Emoji, Entry = entry });
        return end;
    }

    private static bool IsSkinTone(string text, int i) =>
        i + 1 < text.Length && text[i] == '\uD83C' && text[i + 1] is >= '\uDFFB' and <= '\uDFFF';

    /// <summary>Reads a run of punctuation: an emoticon if the lexicon knows it, else counted as "!" and "?".</summary>
    private static int ReadSymbols(string text, int start, Lexicon.Lexicon lexicon, TokenList result)
    {
        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && !IsWordChar(text[end]) && !char.IsSurrogate(text[end])
               && text[end] is not ('#' or '@'))
            end++;
        // Emoticons such as ":D", ":P" and "<3" end in one letter or digit.
        if (end < text.Length && end > start && text[end] is 'D' or 'P' or 'p' or 'o' or 'O' or '3'
            && (end + 1 == text.Length || !IsWordChar(text[end + 1])))
        {
            if (lexicon.Find(text.AsSpan(start, end + 1 - start)) is { Valence: not null })
                end++;
        }
        if (end == start)
            end++;
        var entry = lexicon.Find(text.AsSpan(start, end - start));
        if (entry?.Valence is null)
        {
            // Try the emoticon without trailing sentence punctuation: ":)!!" or ":(."
            var trimmed = text.AsSpan(start, end - start).TrimEnd("!?.,");
            if (trimmed.Length >= 2)
                entry = lexicon.Find(trimmed);
        }
        for (var i = start; i < end; i++)
        {
            if (text[i] == '!')
                result.Exclamations++;
            else if (text[i] == '?')
                result.Questions++;
        }
        result.Add(new Token { Start = start, Length = end - start, Kind = TokenKind.Symbol, Entry = entry });
        return end;
    }

    private static string DecodeEntities(string text)
    {
        if (!text.Contains('&', StringComparison.Ordinal))
            return text;
        return text.Replace("&amp;", "&", StringComparison.Ordinal)
            .Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&quot;", "\"", StringComparison.Ordinal)
            .Replace("&#39;", "'", StringComparison.Ordinal);
    }

    internal static string Original(string text, in Token token) => text.Substring(token.Start, token.Length);

    internal static string Lower(string text, in Token token) =>
        token.Entry?.Word ?? string.Create(token.Length, (text, token.Start),
            static (span, state) => state.text.AsSpan(state.Start, span.Length).ToLowerInvariant(span));
}
