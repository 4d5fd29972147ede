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

    /// <summary>
    /// Optional: the same statement for many rows at once on PostgreSQL, reading one array per parameter
    /// (<c>unnest(@a, @b, …)</c>) and returning the first column of the rows it wrote. <see cref="Types"/> gives each
    /// array's element type, so a column that is null in every row still gets a typed array.
    /// </summary>
    public string? PostgresBulkSql { get; init; }

    public IReadOnlyList<Type>? Types { get; init; }

    [GeneratedRegex("@([a-z_]+)")]
    private static partial Regex ParameterName();
}
