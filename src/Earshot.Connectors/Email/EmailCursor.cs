using System.Globalization;

namespace Earshot.Connectors.Email;

/// <summary>
/// Where reading resumes: the folder's UIDVALIDITY and the highest UID read. When the server renumbers the folder
/// (a new UIDVALIDITY) every UID is meaningless, so reading starts over; storage drops what was already stored.
/// </summary>
public readonly record struct EmailCursor(uint UidValidity, uint LastUid)
{
    public static EmailCursor Parse(string? text, uint currentValidity)
    {
        var parts = text?.Split(':');
        if (parts is [var validity, var uid]
            && uint.TryParse(validity, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v == currentValidity
            && uint.TryParse(uid, NumberStyles.None, CultureInfo.InvariantCulture, out var u))
            return new EmailCursor(v, u);
        return new EmailCursor(currentValidity, 0);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{UidValidity}:{LastUid}");
}
