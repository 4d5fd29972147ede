namespace Earshot.Core.Understanding.Text;

/// <summary>Reusable per-thread token storage, so classifying a post allocates only its results.</summary>
internal sealed class TokenList
{
    private Token[] _items = new Token[64];
    private char[] _buffer = new char[512];

    public int Count { get; private set; }
    public int Exclamations { get; set; }
    public int Questions { get; set; }

    public ref Token this[int index] => ref _items[index];

    public void Clear()
    {
        Count = 0;
        Exclamations = 0;
        Questions = 0;
    }

    public void Add(in Token token)
    {
        if (Count == _items.Length)
            Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = token;
    }

    /// <summary>A scratch buffer of twice the text length: the lowered word, then room for its collapsed form.</summary>
    public char[] Buffer(int textLength)
    {
        if (_buffer.Length < textLength * 2 + 2)
            _buffer = new char[textLength * 2 + 2];
        return _buffer;
    }
}
