using System.Text.Json;

namespace Earshot.Connectors.X;

/// <summary>Timing of the X connector; production uses the defaults, tests shorten them.</summary>
public sealed record XConnectorOptions
{
    /// <summary>Wait before reconnecting after a stream that was healthy and then ended or dropped.</summary>
    public TimeSpan Reconnect { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often an open stream re-reads the topics and updates the rules (X applies changes within ~20 s, no reconnect).</summary>
    public TimeSpan RuleSyncInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait before trying again when no topic can be expressed as a rule (X answers 409 to a stream without rules).</summary>
    public TimeSpan NoRulesRetry { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Recent-search pages read per query when filling a gap (100 posts each).</summary>
    public int MaxSearchPages { get; init; } = 50;

    /// <summary>Posts stored per transaction while the stream is busy.</summary>
    public int MaxBatch { get; init; } = 2_000;

    /// <summary>
    /// How long a batch waits for more posts once one has arrived: a busy stream is stored in few transactions, a
    /// quiet one adds at most this to X's own seconds of latency.
    /// </summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(20);
}

/// <summary>A channel's settings: <c>{"base_url", "bearer_token", "rule"?, "follow_topics"?, "rule_max_length"?, "search_query_max_length"?, "stall_seconds"?}</c>.</summary>
internal sealed record XSettings(string BaseUrl, string? Rule, bool FollowTopics, XRuleLimits Limits, int SearchQueryMaxLength, TimeSpan Stall)
{
    public static XSettings Read(JsonElement settings) => new(
        settings.GetProperty("base_url").GetString()!.TrimEnd('/'),
        settings.TryGetProperty("rule", out var rule) && rule.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(rule.GetString()) ? rule.GetString() : null,
        !settings.TryGetProperty("follow_topics", out var follow) || follow.ValueKind != JsonValueKind.False,
        XRuleLimits.FromSettings(settings),
        Int(settings, "search_query_max_length") ?? XRuleLimits.DefaultMaxLength,
        TimeSpan.FromSeconds(Int(settings, "stall_seconds") ?? 20));

    public static int? Int(JsonElement settings, string name) =>
        settings.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
