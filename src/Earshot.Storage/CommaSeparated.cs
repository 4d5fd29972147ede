using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Earshot.Storage;

/// <summary>
/// How a short list of labels (a case's or a post's severity cues) is stored: one text column, comma-joined
/// ("outage,billing"), empty for none. The same text is written by EF Core and by the raw SQL of the pipeline.
/// </summary>
public static class CommaSeparated
{
    public static string Text(IEnumerable<string> values) => string.Join(',', values);

    public static IReadOnlyList<string> List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries);

    internal static readonly ValueConverter<IReadOnlyList<string>, string> Converter = new(
        values => Text(values),
        text => List(text));

    /// <summary>Compares by content, so that replacing a list with an equal one is no change.</summary>
    internal static readonly ValueComparer<IReadOnlyList<string>> Comparer = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        values => values.Aggregate(0, (hash, value) => HashCode.Combine(hash, StringComparer.Ordinal.GetHashCode(value))),
        values => values.ToList());
}
