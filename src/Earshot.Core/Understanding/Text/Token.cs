using Earshot.Core.Understanding.Lexicon;

namespace Earshot.Core.Understanding.Text;

internal enum TokenKind : byte
{
    Word,
    Number,
    Hashtag,
    Mention,
    Url,
    Emoji,
    Symbol,
}

/// <summary>A token as a slice of the (entity-decoded) text, with its lexicon entry already looked up.</summary>
internal struct Token
{
    public int Start;
    public int Length;
    public TokenKind Kind;
    public WordEntry? Entry;
    public bool AllCaps;
    public bool Elongated;
}
