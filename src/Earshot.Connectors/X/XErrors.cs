using System.Text.Json;
using Earshot.Connectors.Shared;

namespace Earshot.Connectors.X;

public enum XErrorKind
{
    /// <summary>403 on a reply: since 2026-02-23 self-serve apps may only reply when the author summoned the account.</summary>
    ReplyNotSummoned,
    RateLimited,
    /// <summary>A stream is already open for the app (often the old socket still closing).</summary>
    TooManyConnections,
    /// <summary>The monthly pay-per-use cap is spent; nothing helps until the cap resets.</summary>
    UsageCapExceeded,
    /// <summary>401: token revoked or rotated.</summary>
    Unauthorized,
    Forbidden,
    /// <summary>409 on the filtered stream: no rules are defined.</summary>
    NoStreamRules,
    OperationalDisconnect,
    ServerError,
    Other,
}

/// <summary>
/// What an error means for the caller. <see cref="Retryable"/>: the same request may succeed later (use
/// <see cref="XReconnect"/>). <see cref="ShowToAgent"/>: the agent must learn why the reply did not go out.
/// </summary>
public sealed record XErrorClassification(XErrorKind Kind, bool Retryable, bool ShowToAgent, string Message, int Status);

public static class XErrors
{
    public static XErrorClassification Classify(int status, string? body)
    {
        var problem = ReadProblem(body);
        var title = problem?.Title ?? "";
        var detail = problem?.Detail ?? problem?.Title ?? $"HTTP {status}";
        XErrorClassification Make(XErrorKind kind, bool retryable, bool showToAgent = false) => new(kind, retryable, showToAgent, detail, status);

        if (title.Equals("UsageCapExceeded", StringComparison.OrdinalIgnoreCase) || HasProblemPath(problem?.Type, "usage-capped"))
            return Make(XErrorKind.UsageCapExceeded, retryable: false);
        if (HasProblemPath(problem?.Type, "operational-disconnect"))
            return Make(XErrorKind.OperationalDisconnect, retryable: true);
        return status switch
        {
            401 => Make(XErrorKind.Unauthorized, retryable: false),
            403 when IsNotSummoned(detail) => Make(XErrorKind.ReplyNotSummoned, retryable: false, showToAgent: true),
            403 => Make(XErrorKind.Forbidden, retryable: false, showToAgent: true),
            409 => Make(XErrorKind.NoStreamRules, retryable: false),
            429 when string.Equals(problem?.ConnectionIssue, "TooManyConnections", StringComparison.OrdinalIgnoreCase)
                => Make(XErrorKind.TooManyConnections, retryable: true),
            429 => Make(XErrorKind.RateLimited, retryable: true),
            >= 500 => Make(XErrorKind.ServerError, retryable: true),
            _ => Make(XErrorKind.Other, retryable: false),
        };
    }

    /// <summary>Problem types appear under api.twitter.com and api.x.com; compare the "/2/problems/..." path only.</summary>
    public static bool HasProblemPath(string? type, string problem) =>
        type is not null && type.EndsWith("/2/problems/" + problem, StringComparison.OrdinalIgnoreCase);

    private static bool IsNotSummoned(string detail) =>
        detail.Contains("not been mentioned", StringComparison.OrdinalIgnoreCase)
        || detail.Contains("otherwise engaged", StringComparison.OrdinalIgnoreCase);

    private static XProblem? ReadProblem(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || !ConnectorJson.TryParse("x error", body, out var document, out _))
            return null;
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            // A top-level problem, or the first of an errors[] array.
            var element = root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                && !root.TryGetProperty("title", out _)
                ? errors[0]
                : root;
            return ConnectorJson.TryBind<XProblem>("x error", element, XJson.Options, out var problem, out _) ? problem : null;
        }
    }
}
