using System.Text.RegularExpressions;

namespace Earshot.Storage.Ingest;

/// <summary>
/// A SQL statement and the names of its parameters, in the order callers pass their values. Checked once, when
/// declared, so a value can never land in the wrong parameter.
/// </summary>
public sealed partial class Statement
{
    public Statement(string sql, params string[] names)
    {
        var used = ParameterName().Matches(sql).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        if (!used.SequenceEqual(names.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            throw new ArgumentException($"The parameters named ({string.Join(", ", names)}) are not those the SQL uses.", nameof(names));
        Sql = sql;
        Names = names;
    }

    public string Sql { get; }
    public IReadOnlyList<string> Names { get; }

    [GeneratedRegex("@([a-z_]+)")]
    private static partial Regex ParameterName();
}
