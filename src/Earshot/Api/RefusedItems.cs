using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Earshot.Api;

/// <summary>One item of a batch that was not stored: its position, its id when it has a readable one, and why, by field.</summary>
public sealed record RefusedItem(
    int Index,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    IReadOnlyDictionary<string, string[]> Errors);

internal static class RefusedItems
{
    /// <summary>
    /// Groups <see cref="Core.Posts.PostJson.ReadAll"/>'s errors ("[2].text") by item. An item that is not an object
    /// at all ("[2]") has its error under "item".
    /// </summary>
    public static List<RefusedItem> Of(IReadOnlyList<JsonElement> items, Dictionary<string, string[]> errors) =>
        errors
            .Select(e =>
            {
                var close = e.Key.IndexOf(']', StringComparison.Ordinal);
                var index = int.Parse(e.Key.AsSpan(1, close - 1), CultureInfo.InvariantCulture);
                var field = close + 2 <= e.Key.Length ? e.Key[(close + 2)..] : "item";
                return (Index: index, Field: field, Messages: e.Value);
            })
            .GroupBy(e => e.Index)
            .OrderBy(g => g.Key)
            .Select(g => new RefusedItem(g.Key, IdOf(items[g.Key]), g.ToDictionary(e => e.Field, e => e.Messages)))
            .ToList();

    private static string? IdOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id)
            ? id.ValueKind switch
            {
                JsonValueKind.String => Core.Posts.JsonStrings.GetStringLenient(id) is { Length: <= Core.Posts.PostJson.MaxIdLength } text ? text : null,
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            }
            : null;
}
