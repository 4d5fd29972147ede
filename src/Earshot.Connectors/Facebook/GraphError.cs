using System.Text.Json;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Facebook;

/// <summary>The Graph API error envelope `{"error":{message,type,code,error_subcode?,is_transient?,fbtrace_id}}`.</summary>
public sealed record GraphError(int? Code, string Message, bool Retryable)
{
    // 4 app, 17 user, 32 Page, 613 call-rate limits; 80001-80099 business use case limits.
    public static bool IsThrottling(int code) => code is 4 or 17 or 32 or 613 or (>= 80001 and <= 80099);

    public static GraphError Parse(string body, int status)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                int? code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var number) ? number : null;
                var transient = error.TryGetProperty("is_transient", out var t) && t.ValueKind == JsonValueKind.True;
                var message = error.TryGetProperty("message", out var m) ? m.GetStringLenient() ?? "" : "";
                return new GraphError(code, message, (code is { } known && IsThrottling(known)) || transient);
            }
        }
        catch (JsonException)
        {
            // not an envelope: an HTML error page from a proxy, say
        }
        return new GraphError(null, $"HTTP {status}", status >= 500);
    }
}
