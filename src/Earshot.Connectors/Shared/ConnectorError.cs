using System.Globalization;
using System.Text;

namespace Earshot.Connectors.Shared;

/// <summary>
/// Why one item from a network could not be read: what went wrong and where (line/column in the input,
/// JSON path), so an operator can find the offending bytes in the stored raw payload.
/// </summary>
public sealed record ConnectorError(string Source, string Message, long? Line = null, long? Column = null, string? Path = null)
{
    public override string ToString()
    {
        var text = new StringBuilder(Source).Append(": ").Append(Message);
        if (Line is not null)
            text.Append(CultureInfo.InvariantCulture, $" (line {Line}");
        if (Line is not null && Column is not null)
            text.Append(CultureInfo.InvariantCulture, $", column {Column}");
        if (Line is not null)
            text.Append(')');
        if (!string.IsNullOrEmpty(Path))
            text.Append(" at ").Append(Path);
        return text.ToString();
    }
}
