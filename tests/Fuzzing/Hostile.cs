using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Earshot.Fuzzing;

/// <summary>
/// Generators of input a careless or hostile sender produces: any UTF-16 (lone surrogates, NUL, byte order marks,
/// controls), bytes that are not UTF-8, huge numbers, deep nesting, JSON of the wrong type, and real payloads
/// truncated, spliced or with one value swapped for any of those.
/// </summary>
internal static class Hostile
{
    /// <summary>Characters parsers trip on, weighted well above their share of all 65,536.</summary>
    private const string Troublemakers =
        "\0\t\n\r \u0085\u00A0\u2028\u2029\uFEFF\uFFFD\uFFFE\uFFFF\uD800\uDBFF\uDC00\uDFFF\u200B\u200D\u202E\u0301"
        + "\"'\\/{}[]():,.;*?#@$%&<>=+-_!~`^|0123456789eE";

    public static readonly Gen<char> Char = Gen.Frequency(
        (6, Gen.Char['a', 'z']),
        (2, Gen.Char['A', 'Z']),
        (4, Gen.Char[Troublemakers]),
        (1, Gen.Char['\u00C0', '\u024F']),
        (1, Gen.Char));

    /// <summary>Any UTF-16 string, short or long, mostly of the troublesome characters.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (8, Char.Array[0, 40].Select(c => new string(c))),
        (1, Char.Array[200, 2_000].Select(c => new string(c))),
        (2, Gen.OneOf("", " ", "\uD83D", "\uDE00", "\uD83D\uDE00", "\uFEFF", "\0", "null", "{}", "[]", "\"")));

    /// <summary>Text with no line break in it, for a line of a line-based file.</summary>
    public static readonly Gen<string> LineText = Text.Select(t => t.Replace('\n', ' ').Replace('\r', ' '));

    /// <summary>A piece of JSON that is valid syntax but unusual in value or type.</summary>
    public static readonly Gen<string> JsonValue = Gen.Frequency(
        (3, Gen.OneOf(
            "null", "true", "false", "0", "-0", "-1", "1.5", "1e400", "-1e400", "1E-400", "9223372036854775808",
            "-9223372036854775809", "18446744073709551616", "99999999999999999999999999999999", "1.7976931348623157e309",
            "\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\\ude00\"", "\"\\ufeff\"",
            "\"9999-12-31T23:59:59Z\"", "\"0001-01-01T00:00:00Z\"", "\"not a time\"", "[]", "{}", "[null]", "{\"\":null}")),
        (2, Text.Select(JsonString)),
        (1, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e999")),
        (1, Gen.Int[1, 300].Select(depth => new string('[', depth) + new string(']', depth))),
        (1, Gen.Int[1, 300].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth))));

    /// <summary>Bytes that are mostly not UTF-8: stray continuation bytes, overlong and truncated sequences, a BOM.</summary>
    public static readonly Gen<byte[]> Bytes = Gen.Frequency(
        (3, Gen.Byte.Array[0, 80]),
        (2, Gen.OneOf<byte[]>(
            [0xFF], [0xFE, 0xFF], [0xC0, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF],
            [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x00], [0xF4, 0x90, 0x80, 0x80])),
        (3, Text.Select(t => Encoding.UTF8.GetBytes(t))));

    /// <summary>A string as a JSON string literal, lone surrogates written as \u escapes (as a sloppy encoder does).</summary>
    public static string JsonString(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\' || c < ' ' || char.IsSurrogate(c))
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else
                builder.Append(c);
        }
        return builder.Append('"').ToString();
    }

    /// <summary>
    /// The text changed the way damaged input is: cut short, a slice dropped or repeated, hostile text inserted, or
    /// one character replaced.
    /// </summary>
    public static Gen<string> Mutated(string original) =>
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, original.Length], Gen.Int[0, original.Length], Text, Gen.Int[0, 3],
            (kind, a, b, insert, repeat) =>
            {
                var (from, to) = (Math.Min(a, b), Math.Max(a, b));
                return kind switch
                {
                    0 => original[..from],
                    1 => original[..from] + original[to..],
                    2 => original[..to] + string.Concat(Enumerable.Repeat(original[from..to], repeat)) + original[to..],
                    3 => original[..from] + insert + original[from..],
                    4 when from < original.Length => original[..from] + (insert.Length > 0 ? insert[0] : '\0') + original[(from + 1)..],
                    _ => original,
                };
            });

    /// <summary>The JSON document with one value (any of them, at any depth) replaced by <see cref="JsonValue"/>.</summary>
    public static Gen<string> WithOneValueSwapped(string json)
    {
        var root = JsonNode.Parse(json);
        var count = Count(root);
        return Gen.Select(Gen.Int[0, Math.Max(0, count - 1)], JsonValue, (index, value) => Swap(json, index, value));
    }

    /// <summary>A real payload damaged in structure (<see cref="WithOneValueSwapped"/>) or in bytes (<see cref="Mutated"/>).</summary>
    public static Gen<string> Payload(string json) => Gen.Frequency(
        (3, WithOneValueSwapped(json)),
        (2, Mutated(json)),
        (1, WithOneValueSwapped(json).SelectMany(Mutated)));

    private const string Marker = "\u0001earshot-fuzz\u0001";

    private static string Swap(string json, int index, string value)
    {
        var root = JsonNode.Parse(json)!;
        var seen = 0;
        var target = Find(root, index, ref seen);
        if (target is null || target == root)
            return value;
        switch (target.Parent)
        {
            case JsonObject owner:
                owner[target.GetPropertyName()] = Marker;
                break;
            case JsonArray array:
                array[target.GetElementIndex()] = Marker;
                break;
        }
        return root.ToJsonString().Replace(JsonString(Marker), value, StringComparison.Ordinal);
    }

    private static int Count(JsonNode? node) => node switch
    {
        JsonObject o => 1 + o.Sum(p => Count(p.Value)),
        JsonArray a => 1 + a.Sum(Count),
        _ => 1,
    };

    private static JsonNode? Find(JsonNode? node, int index, ref int seen)
    {
        if (seen++ == index)
            return node;
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    if (Find(child, index, ref seen) is { } found)
                        return found;
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (Find(child, index, ref seen) is { } found)
                        return found;
                }
                break;
        }
        return null;
    }
}
