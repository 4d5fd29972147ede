using System.Text.Json;

namespace Earshot.Audit;

/// <summary>An event's data as short "key: value" pairs, for the page and the CLI table.</summary>
public static class AuditDetails
{
    public static IReadOnlyList<(string Key, string Value)> Pairs(JsonElement data) => data.ValueKind == JsonValueKind.Object
        ? data.EnumerateObject().Where(p => p.Name != "actor").Select(p => (p.Name, Value(p.Value))).ToList()
        : [("data", data.GetRawText())];

    public static string Line(JsonElement data) => string.Join("; ", Pairs(data).Select(p => $"{p.Key}: {p.Value}"));

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "-",
        _ => value.GetRawText(),
    };
}
