using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Reddit;

public enum RedditErrorKind
{
    None,
    /// <summary>Per-account content throttle (json.errors RATELIMIT inside a 200): the reply did not post.</summary>
    ActionRateLimited,
    /// <summary>Other business errors inside a 200 (json.errors).</summary>
    ApiError,
    /// <summary>Token endpoint refused the grant, also inside a 200.</summary>
    InvalidGrant,
    Unauthorized,
    /// <summary>Private or quarantined subreddit, banned account.</summary>
    Forbidden,
    /// <summary>429, as JSON or as an HTML page.</summary>
    TooManyRequests,
    ServerError,
    Other,
}

public sealed record RedditError(RedditErrorKind Kind, bool Retryable, bool ShowToAgent, string Message, TimeSpan? RetryAfter = null)
{
    public bool IsError => Kind != RedditErrorKind.None;
}

public static partial class RedditResponses
{
    /// <summary>Reads what a response means, including the errors Reddit returns with HTTP 200.</summary>
    public static RedditError Classify(int status, string? body, HeaderBag? headers = null)
    {
        var retryAfter = ParseRetryAfter(headers?["retry-after"]);
        var message = JsonMessage(body, out var apiErrors, out var topLevelError);
        if (status is >= 200 and < 300)
        {
            if (topLevelError == "invalid_grant")
                return new RedditError(RedditErrorKind.InvalidGrant, false, false, "invalid_grant: the authorization code or refresh token was refused");
            if (apiErrors.Count == 0)
                return new RedditError(RedditErrorKind.None, false, false, "");
            var first = apiErrors[0];
            var text = string.Join("; ", apiErrors.Select(e => $"{e.Code}: {e.Message}"));
            return first.Code == "RATELIMIT"
                ? new RedditError(RedditErrorKind.ActionRateLimited, false, true, text, WaitFromMessage(first.Message))
                : new RedditError(RedditErrorKind.ApiError, false, true, text);
        }
        // Reddit's 429 is sometimes an HTML page: fall back to the status line when the body is not JSON.
        message ??= status == 429 ? "Too Many Requests" : $"HTTP {status}";
        return status switch
        {
            401 => new RedditError(RedditErrorKind.Unauthorized, false, false, message),
            403 => new RedditError(RedditErrorKind.Forbidden, false, true, message),
            429 => new RedditError(RedditErrorKind.TooManyRequests, true, false, message, retryAfter),
            >= 500 => new RedditError(RedditErrorKind.ServerError, true, false, message, retryAfter),
            _ => new RedditError(RedditErrorKind.Other, false, false, message),
        };
    }

    /// <summary>x-ratelimit-used (int), -remaining (float string, "997.0"), -reset (seconds until the window resets).</summary>
    public static RateLimit ParseRateLimit(HeaderBag headers, DateTimeOffset now)
    {
        var used = double.TryParse(headers["x-ratelimit-used"], NumberStyles.Float, CultureInfo.InvariantCulture, out var u) ? u : (double?)null;
        var remaining = double.TryParse(headers["x-ratelimit-remaining"], NumberStyles.Float, CultureInfo.InvariantCulture, out var r) ? r : (double?)null;
        var reset = double.TryParse(headers["x-ratelimit-reset"], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s is >= 0 and < 86_400 * 7
            ? now.AddSeconds(s)
            : (DateTimeOffset?)null;
        return new RateLimit(used is not null && remaining is not null ? (long)Math.Round(used.Value + remaining.Value) : null, remaining, reset, ParseRetryAfter(headers["retry-after"]));
    }

    /// <summary>Retry-After as delta seconds (what Reddit sends); HTTP-date values are left to the caller's clock.</summary>
    public static TimeSpan? ParseRetryAfter(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;

    private static string? JsonMessage(string? body, out List<(string Code, string Message)> apiErrors, out string? topLevelError)
    {
        apiErrors = [];
        topLevelError = null;
        if (string.IsNullOrWhiteSpace(body) || !ConnectorJson.TryParse("reddit", body, out var document, out _))
            return null;
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
                topLevelError = error.GetStringLenient();
            if (root.TryGetProperty("json", out var wrapper) && wrapper.ValueKind == JsonValueKind.Object
                && wrapper.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                // Each error is [code, message, field].
                foreach (var entry in errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() >= 2))
                    apiErrors.Add((entry[0].ToString(), entry[1].ToString()));
            }
            return root.String("message");
        }
    }

    private static TimeSpan? WaitFromMessage(string message)
    {
        var match = WaitPattern().Match(message);
        if (!match.Success)
            return null;
        var amount = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value.StartsWith("minute", StringComparison.OrdinalIgnoreCase) ? TimeSpan.FromMinutes(amount) : TimeSpan.FromSeconds(amount);
    }

    [GeneratedRegex(@"(?<n>\d{1,5})\s+(?<unit>minutes?|seconds?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WaitPattern();
}
