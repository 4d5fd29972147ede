using System.Text.Json;

namespace Earshot.Core.Cases;

/// <summary>The JSON inside case events: snake_case, nulls kept out.</summary>
public static class CaseJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Of<T>(T value) => JsonSerializer.Serialize(value, Options);
}
