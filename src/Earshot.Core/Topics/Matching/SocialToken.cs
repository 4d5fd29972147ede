namespace Earshot.Core.Topics.Matching;

public enum TokenKind : byte { Word, Hashtag, Mention, Cashtag, Emoji, Url }

/// <summary>
/// One token of a post: where it is in the original text and its folded form in <see cref="TokenBuffer.Chars"/>.
/// For a mention, LocalLength is the length of "@alice" inside a folded "@alice@mastodon.social".
/// </summary>
public struct SocialToken
{
    public int Start;
    public int Length;
    public int FoldedStart;
    public int FoldedLength;
    public int LocalLength;

    /// <summary>Hash (<see cref="TermTable"/>) of the folded word; for a tag, of the word after its sigil (#, @, $).</summary>
    public uint Hash;
    public TokenKind Kind;
}

/// <summary>Reusable output of <see cref="SocialTokenizer"/>: tokens in order (index = word position) and their folded chars.</summary>
public sealed class TokenBuffer
{
    public SocialToken[] Tokens = new SocialToken[64];
    public int Count;
    public char[] Chars = new char[512];
    public int CharCount;

    /// <summary>Empties the buffer and makes room for any tokenization of a text this long.</summary>
    public void Reset(int textLength)
    {
        Count = 0;
        CharCount = 0;
        // Folding at most doubles a char (ß = ss); there are never more tokens than chars.
        if (Chars.Length < textLength * 2 + 16)
            Chars = new char[textLength * 2 + 16];
        if (Tokens.Length < textLength + 1)
            Tokens = new SocialToken[textLength + 1];
    }

    public ReadOnlySpan<char> Folded(in SocialToken token) => Chars.AsSpan(token.FoldedStart, token.FoldedLength);

    internal ref SocialToken Add(TokenKind kind, int start)
    {
        ref var token = ref Tokens[Count++];
        token = default;
        token.Kind = kind;
        token.Start = start;
        token.FoldedStart = CharCount;
        return ref token;
    }

    internal void Append(char c) => Chars[CharCount++] = c;
}
