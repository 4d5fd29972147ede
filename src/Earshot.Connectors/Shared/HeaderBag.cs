namespace Earshot.Connectors.Shared;

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

    /// <summary>
    /// Reads "Name: value" lines of a recorded message. When the text holds a request and then a response,
    /// the response's headers are read (from its "HTTP/" status line to the blank line).
    /// </summary>
    public static HeaderBag Parse(string headerText)
    {
        var bag = new HeaderBag();
        var lines = headerText.Split('\n');
        var status = Array.FindLastIndex(lines, l => l.StartsWith("HTTP/", StringComparison.Ordinal));
        foreach (var raw in lines.Skip(Math.Max(status, 0)))
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
