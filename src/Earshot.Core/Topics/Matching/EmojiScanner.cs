using System.Text;

namespace Earshot.Core.Topics.Matching;

/// <summary>
/// Emoji are words of their own. Skin tones and presentation selectors fold away (👍🏽 = 👍);
/// ZWJ sequences (👩‍💻) and flags (🇫🇷) stay one token.
/// </summary>
public static class EmojiScanner
{
    public static bool StartsEmoji(ReadOnlySpan<char> text, int i) => IsEmoji(CodePointAt(text, i));

    public static int Read(ReadOnlySpan<char> text, int start, TokenBuffer into)
    {
        ref var token = ref into.Add(TokenKind.Emoji, start);
        var first = CodePointAt(text, start);
        var i = start + Append(first, into);
        if (IsRegionalIndicator(first) && i < text.Length && IsRegionalIndicator(CodePointAt(text, i)))
            i += Append(CodePointAt(text, i), into);
        while (i < text.Length)
        {
            var cp = CodePointAt(text, i);
            if (IsModifier(cp))
            {
                i += cp > 0xFFFF ? 2 : 1;
            }
            else if (cp == 0x200D && i + 1 < text.Length && IsEmoji(CodePointAt(text, i + 1)))
            {
                into.Append('\u200D');
                i++;
                i += Append(CodePointAt(text, i), into);
            }
            else
            {
                break;
            }
        }
        token.Length = i - start;
        token.FoldedLength = into.CharCount - token.FoldedStart;
        return i;
    }

    private static int Append(int codePoint, TokenBuffer into)
    {
        if (codePoint <= 0xFFFF)
        {
            into.Append((char)codePoint);
            return 1;
        }
        Span<char> pair = stackalloc char[2];
        new Rune(codePoint).EncodeToUtf16(pair);
        into.Append(pair[0]);
        into.Append(pair[1]);
        return 2;
    }

    private static int CodePointAt(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            return char.ConvertToUtf32(c, text[i + 1]);
        return c;
    }

    private static bool IsRegionalIndicator(int cp) => cp is >= 0x1F1E6 and <= 0x1F1FF;

    /// <summary>Skin tones, variation selectors, keycap and tag characters: they change how an emoji looks, not what it says.</summary>
    private static bool IsModifier(int cp) =>
        cp is (>= 0x1F3FB and <= 0x1F3FF) or 0xFE0F or 0xFE0E or 0x20E3 or (>= 0xE0020 and <= 0xE007F);

    public static bool IsEmoji(int cp) =>
        cp is (>= 0x1F000 and <= 0x1FAFF and not (>= 0x1F3FB and <= 0x1F3FF))
            or (>= 0x2600 and <= 0x27BF) or (>= 0x2300 and <= 0x23FF) or (>= 0x2B00 and <= 0x2BFF)
            or 0x203C or 0x2049 or 0x3030 or 0x303D or 0x3297 or 0x3299;
}
