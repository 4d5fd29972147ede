using System.Runtime.CompilerServices;
using System.Text;

namespace Earshot.Core.Topics.Matching;

/// <summary>
/// Splits social text into words, #hashtags, @mentions, $cashtags, emoji and URLs in one pass, folding
/// case and accents as it goes. Words keep inner apostrophes (don't) and digit separators (3.5, 1,000);
/// hyphens and other punctuation split. The same tokenizer reads query terms, so both sides agree.
/// </summary>
public static class SocialTokenizer
{
    private const byte WordChar = 1, Letter = 2, Digit = 4, LowerBit = 0x20;

    public static TokenBuffer Tokenize(ReadOnlySpan<char> text)
    {
        var buffer = new TokenBuffer();
        Tokenize(text, buffer);
        return buffer;
    }

    public static void Tokenize(ReadOnlySpan<char> text, TokenBuffer into)
    {
        into.Reset(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 128)
            {
                var kind = Ascii[c];
                if ((kind & WordChar) != 0)
                {
                    if ((c | 0x20) is 'h' or 'w' && i + 4 < text.Length && (text[i + 1] | 0x20) is 't' or 'w' && UrlScanner.StartsUrl(text, i))
                        i = UrlScanner.Read(text, i, into);
                    else
                        i = ReadWord(text, i, i, into, TokenKind.Word);
                }
                else if (c is '#' or '@' or '$' && StartsTag(text, i))
                {
                    i = ReadTag(text, i, into);
                }
                else
                {
                    i++;
                }
                continue;
            }
            if (EmojiScanner.StartsEmoji(text, i))
                i = EmojiScanner.Read(text, i, into);
            else if (IsWordStart(text, i))
                i = ReadWord(text, i, i, into, TokenKind.Word);
            else
                i += char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
        }
    }

    private static bool StartsTag(ReadOnlySpan<char> text, int i)
    {
        if (i + 1 >= text.Length || (i > 0 && IsWordChar(text, i - 1)))
            return false;
        var next = text[i + 1];
        // $5 is money, not a cashtag: cashtags start with a letter.
        return text[i] == '$' ? next < 128 ? (Ascii[next] & Letter) != 0 : char.IsLetter(next) : IsWordStart(text, i + 1);
    }

    private static int ReadTag(ReadOnlySpan<char> text, int start, TokenBuffer into)
    {
        var kind = text[start] switch { '#' => TokenKind.Hashtag, '@' => TokenKind.Mention, _ => TokenKind.Cashtag };
        var end = ReadWord(text, start + 1, start, into, kind, prefix: text[start]);
        ref var token = ref into.Tokens[into.Count - 1];
        token.LocalLength = token.FoldedLength;
        // Fediverse handles: @alice@mastodon.social is one token.
        if (kind == TokenKind.Mention && end + 1 < text.Length && text[end] == '@' && IsWordStart(text, end + 1))
        {
            var domainEnd = end + 1;
            while (domainEnd < text.Length && (IsWordChar(text, domainEnd) || (text[domainEnd] is '.' or '-' && domainEnd + 1 < text.Length && IsWordChar(text, domainEnd + 1))))
                domainEnd++;
            for (var k = end; k < domainEnd; k++)
                into.Append(TextFolding.Fold(text[k]));
            token.FoldedLength += domainEnd - end;
            token.Length = domainEnd - start;
            end = domainEnd;
        }
        return end;
    }

    /// <summary>
    /// Reads a word from wordStart (the token starts at tokenStart, before a '#', '@' or '$'), folding and hashing
    /// as it copies. The ASCII path is the hot loop: one table read, one store, one multiply per char.
    /// </summary>
    private static int ReadWord(ReadOnlySpan<char> text, int wordStart, int tokenStart, TokenBuffer into, TokenKind kind, char prefix = '\0')
    {
        ref var token = ref into.Add(kind, tokenStart);
        var chars = into.Chars;
        var k = into.CharCount;
        if (prefix != '\0')
            chars[k++] = prefix;
        var hash = TermTable.Start;
        var i = wordStart;
        while ((uint)i < (uint)text.Length)
        {
            i = AsciiRun(text, i, chars, ref k, ref hash);
            if ((uint)i >= (uint)text.Length)
                break;
            var c = text[i];
            if (c < 128)
            {
                var cls = Ascii[c];
                if (cls == 0)
                {
                    if (c == ' ' || !JoinsWord(text, i))
                        break;
                }
                else
                {
                    c = (char)(c | (cls & LowerBit));
                }
                chars[k++] = c;
                hash = TermTable.Step(hash, c);
                i++;
                continue;
            }
            if (c is '\u2019' or '\u02BC')
            {
                if (!JoinsWord(text, i))
                    break;
                chars[k++] = '\'';
                hash = TermTable.Step(hash, '\'');
                i++;
                continue;
            }
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && Rune.TryCreate(c, text[i + 1], out var rune) && Rune.IsLetterOrDigit(rune))
                {
                    chars[k++] = c;
                    chars[k++] = text[i + 1];
                    hash = TermTable.Step(TermTable.Step(hash, c), text[i + 1]);
                    i += 2;
                    continue;
                }
                break;
            }
            var folded = TextFolding.Fold(c);
            if (folded != TextFolding.Dropped)
            {
                if (!char.IsLetterOrDigit(c))
                    break;
                if (TextFolding.Expands(c))
                {
                    foreach (var e in TextFolding.Expansion(c))
                    {
                        chars[k++] = e;
                        hash = TermTable.Step(hash, e);
                    }
                }
                else
                {
                    chars[k++] = folded;
                    hash = TermTable.Step(hash, folded);
                }
            }
            i++;
        }
        into.CharCount = k;
        token.Length = i - tokenStart;
        token.FoldedLength = k - token.FoldedStart;
        token.Hash = TermTable.Finish(hash);
        return i;
    }

    /// <summary>
    /// Copies, folds and hashes ASCII letters, digits and '_' from i; returns where the run stops. Its own
    /// method, with locals that no call crosses, so the hash and output index stay in registers: in ReadWord's
    /// loop, which calls out for the rare cases, the JIT spilled both to the stack on every character.
    /// </summary>
    private static int AsciiRun(ReadOnlySpan<char> text, int i, char[] chars, ref int k, ref uint hash)
    {
        var n = k;
        var h = hash;
        while ((uint)i < (uint)text.Length)
        {
            var c = text[i];
            if (c >= 128)
                break;
            var cls = Ascii[c];
            if (cls == 0)
                break;
            c = (char)(c | (cls & LowerBit));
            chars[n++] = c;
            h = TermTable.Step(h, c);
            i++;
        }
        k = n;
        hash = h;
        return i;
    }

    /// <summary>Apostrophes join letters (don't); '.' and ',' join digits (3.5, 1,000).</summary>
    private static bool JoinsWord(ReadOnlySpan<char> text, int i)
    {
        if (i == 0 || i + 1 >= text.Length)
            return false;
        var c = text[i];
        if (c is '\'' or '\u2019' or '\u02BC')
            return char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]);
        if (c is '.' or ',')
            return char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]);
        return false;
    }

    internal static bool IsWordChar(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (c < 128)
            return (Ascii[c] & WordChar) != 0;
        return IsWordStart(text, i) || char.IsLowSurrogate(c) && i > 0 && IsWordStart(text, i - 1);
    }

    internal static bool IsWordStart(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (c < 128)
            return (Ascii[c] & WordChar) != 0;
        if (char.IsHighSurrogate(c))
            return i + 1 < text.Length && Rune.TryCreate(c, text[i + 1], out var r) && Rune.IsLetterOrDigit(r);
        return char.IsLetterOrDigit(c);
    }

    /// <summary>
    /// Class of each ASCII char: WordChar | Letter | LowerBit for letters (LowerBit OR-ed in folds case), WordChar | Digit
    /// for digits, WordChar for '_'. A constant span, so indexing it after a c &lt; 128 test needs no bounds check.
    /// </summary>
    private static ReadOnlySpan<byte> Ascii =>
    [
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23,
        0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x00, 0x00, 0x00, 0x00, 0x01,
        0x00, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23,
        0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x23, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];
}
