using System.Text.Json;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Shared;

/// <summary>Serializer settings per wire dialect, and JSON failures turned into a <see cref="ConnectorError"/>.</summary>
public static class ConnectorJson
{
    /// <summary>Mastodon, X and Reddit name fields in snake_case.</summary>
    public static JsonSerializerOptions SnakeCase { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
    };

    /// <summary>atproto lexicons name fields in camelCase.</summary>
    public static JsonSerializerOptions CamelCase { get; } = new(JsonSerializerDefaults.Web);

    public static ConnectorError Describe(string source, JsonException exception, long? line = null) =>
        new(source, FirstSentence(exception.Message),
            line ?? (exception.LineNumber is { } l ? l + 1 : null),
            exception.BytePositionInLine is { } b ? b + 1 : null,
            exception.Path);

    /// <summary>Parses a document, reporting a malformed one as an error instead of throwing.</summary>
    public static bool TryParse(string source, string json, out JsonDocument document, out ConnectorError? error, long? line = null)
    {
        try
        {
            document = JsonDocument.Parse(json);
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            document = null!;
            error = Describe(source, exception, line);
            return false;
        }
    }

    /// <summary>
    /// Parses and binds a document in one pass, for the hot paths that need only the record: a malformed document or a
    /// wrong type becomes an error naming the position and the JSON path.
    /// </summary>
    public static bool TryDeserialize<T>(string source, string json, JsonSerializerOptions options, out T value, out ConnectorError? error, long? line = null)
        where T : class =>
        TryRead(source, json, static (text, o) => JsonSerializer.Deserialize<T>(text, o), options, out value, out error, line);

    /// <summary>Binds one element to a payload record; a wrong type becomes an error naming the JSON path.</summary>
    public static bool TryBind<T>(string source, JsonElement element, JsonSerializerOptions options, out T value, out ConnectorError? error, long? line = null)
        where T : class =>
        TryRead(source, element, static (e, o) => e.Deserialize<T>(o), options, out value, out error, line);

    private static bool TryRead<TInput, T>(string source, TInput input, Func<TInput, JsonSerializerOptions, T?> read, JsonSerializerOptions options,
        out T value, out ConnectorError? error, long? line)
        where T : class
    {
        try
        {
            value = read(input, options)!;
            error = value is null ? new ConnectorError(source, "expected an object, found null", line) : null;
            return value is not null;
        }
        catch (JsonException exception)
        {
            value = null!;
            error = Describe(source, exception, line);
            return false;
        }
    }

    public static string? String(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetStringLenient()
            : null;

    // System.Text.Json messages end with a long hint about the path and position, which we report separately.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
