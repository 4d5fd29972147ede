namespace Earshot.Core.Posts;

/// <summary>
/// Text as both databases can store it. PostgreSQL refuses the NUL character, and neither database's UTF-8 can hold
/// half of a surrogate pair; posts carry such characters now and then (a bad export, a truncated emoji). Each one
/// becomes U+FFFD, the replacement character, the same as an invalid UTF-8 byte read from a file, so the post is kept
/// and reads the same on SQLite and PostgreSQL.
/// </summary>
public static class StoredText
{
    public const char Replacement = '\uFFFD';

    /// <summary>The text itself (the same instance) when nothing needs replacing, which is nearly always.</summary>
    public static string Clean(string text)
    {
        var span = text.AsSpan();
        var first = FirstInvalid(span);
        if (first < 0)
            return text;
        return string.Create(text.Length, (text, first), static (destination, state) =>
        {
            var (source, start) = state;
            source.AsSpan().CopyTo(destination);
            for (var i = start; i < destination.Length; i++)
            {
                var c = destination[i];
                if (c == '\0')
                    destination[i] = Replacement;
                else if (char.IsHighSurrogate(c) && i + 1 < destination.Length && char.IsLowSurrogate(destination[i + 1]))
                    i++;
                else if (char.IsSurrogate(c))
                    destination[i] = Replacement;
            }
        });
    }

    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    // Where the first NUL or unpaired surrogate stands, or -1. Emoji (valid pairs) are common, so they are skipped
    // here rather than sending every post that has one through a copy.
    private static int FirstInvalid(ReadOnlySpan<char> text)
    {
        var nul = text.IndexOf('\0');
        var end = nul < 0 ? text.Length : nul;
        var offset = 0;
        while (offset < end)
        {
            var found = text[offset..end].IndexOfAnyInRange('\uD800', '\uDFFF');
            if (found < 0)
                break;
            var i = offset + found;
            if (!char.IsHighSurrogate(text[i]) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                return i;
            offset = i + 2;
        }
        return nul;
    }
}
