using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Earshot.Core.Posts;

/// <summary>Reading strings from JSON that other systems wrote.</summary>
public static class JsonStrings
{
    /// <summary>
    /// The string's value, with each \u escape of half a surrogate pair read as U+FFFD. System.Text.Json refuses to
    /// decode those (InvalidOperationException); a payload from a network carries them now and then (a truncated
    /// emoji), and one such character must not cost the whole payload. Null for a JSON null.
    /// </summary>
    public static string? GetStringLenient(this JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException) when (value.ValueKind == JsonValueKind.String)
        {
            return StoredText.Clean(Unescape(value.GetRawText()));
        }
    }

    // The raw text is a valid JSON string literal (the parser checked it), quotes included.
    private static string Unescape(string literal)
    {
        var text = new StringBuilder(literal.Length);
        for (var i = 1; i < literal.Length - 1; i++)
        {
            var c = literal[i];
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            var escape = literal[++i];
            if (escape == 'u')
            {
                text.Append((char)int.Parse(literal.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                i += 4;
                continue;
            }
            text.Append(escape switch
            {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'b' => '\b',
                'f' => '\f',
                _ => escape, // \" \\ \/
            });
        }
        return text.ToString();
    }
}
