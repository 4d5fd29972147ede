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
    public TokenKind Kind;
}

/// <summary>Reusable output of <see cref="SocialTokenizer"/>: tokens in order (index = word position) and their folded chars.</summary>
public sealed class TokenBuffer
{
    public SocialToken[] Tokens = new SocialToken[64];
    public int Count;
    public char[] Chars = new char[512];
    public int CharCount;

    public void Clear()
    {
        Count = 0;
        CharCount = 0;
    }

    public ReadOnlySpan<char> Folded(in SocialToken token) => Chars.AsSpan(token.FoldedStart, token.FoldedLength);

    internal ref SocialToken Add(TokenKind kind, int start)
    {
        if (Count == Tokens.Length)
            Array.Resize(ref Tokens, Tokens.Length * 2);
        ref var token = ref Tokens[Count++];
        token = default;
        token.Kind = kind;
        token.Start = start;
        token.FoldedStart = CharCount;
        return ref token;
    }

    internal void Append(char c)
    {
        if (CharCount == Chars.Length)
            Array.Resize(ref Chars, Chars.Length * 2);
        Chars[CharCount++] = c;
    }

    internal void RemoveLast() => Count--;
}
