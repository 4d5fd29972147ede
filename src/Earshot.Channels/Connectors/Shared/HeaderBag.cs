namespace Earshot.Channels.Connectors.Shared;

/// <summary>
/// Response headers by case-insensitive name, built from HttpResponseMessage headers or from raw text,
/// so rate-limit parsers stay pure and testable from recorded .http files.
/// </summary>
public sealed class HeaderBag
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public static HeaderBag From(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        var bag = new HeaderBag();
        foreach (var (name, values) in headers)
            bag._values[name] = string.Join(", ", values);
        return bag;
    }

    public static HeaderBag From(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var bag = new HeaderBag();
        foreach (var (name, value) in headers)
            bag._values[name] = value;
        return bag;
    }

    /// <summary>Reads "Name: value" lines (a status line or request line is skipped; a blank line ends the headers).</summary>
    public static HeaderBag Parse(string headerText)
    {
        var bag = new HeaderBag();
        foreach (var raw in headerText.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 && bag._values.Count > 0)
                break;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line.Contains(' ', StringComparison.Ordinal) && line.IndexOf(' ', StringComparison.Ordinal) < colon)
                continue;
            bag._values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return bag;
    }

    public string? this[string name] => _values.TryGetValue(name, out var value) ? value : null;
}
