using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Earshot.Posts;

/// <summary>An opaque keyset position in the newest-first stream: the last post's (created_at, id).</summary>
public sealed record PostCursor(DateTime CreatedAt, Guid Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{CreatedAt.Ticks}:{Id:N}")));

    public static bool TryDecode(string? text, out PostCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
            return true;
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split(':');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is >= 0 and <= 3155378975999999999
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                cursor = new PostCursor(new DateTime(ticks, DateTimeKind.Utc), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}
