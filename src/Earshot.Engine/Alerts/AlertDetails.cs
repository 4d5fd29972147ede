using System.Text.Json;
using System.Text.Json.Serialization;
using Earshot.Core.Alerts.Live;

namespace Earshot.Engine.Alerts;

/// <summary>The <c>details_json</c> of an alert: the last test, the top terms and up to five example posts.</summary>
public sealed record AlertDetails(
    double PeakPerMinute,
    double Expected,
    double Observed,
    double Score,
    IReadOnlyList<string> Terms,
    IReadOnlyList<AlertDetails.Example> Examples,
    bool Provisional,
    string? CloseReason)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly AlertDetails Empty = new(0, 0, 0, 0, [], [], false, null);

    public sealed record Example(Guid PostId, string Text);

    /// <summary>The change's view, keeping what it does not know (a close after a restart has no examples) from before.</summary>
    public static AlertDetails From(AlertChange change, AlertDetails previous) => new(
        Math.Max(change.PeakPerMinute, previous.PeakPerMinute),
        Math.Round(change.Expected, 4),
        Math.Round(change.Observed, 4),
        change.Score,
        change.Terms.Count > 0 ? change.Terms : previous.Terms,
        change.Examples.Count > 0 ? change.Examples.Select(e => new Example(e.PostId, e.Text)).ToList() : previous.Examples,
        change.Provisional,
        change.Reason);

    public static AlertDetails Parse(string json)
    {
        try
        {
            // Missing lists arrive as null (an alert written before it had examples): read them as empty.
            return JsonSerializer.Deserialize<AlertDetails>(json, Json) is { } details
                ? details with { Terms = details.Terms ?? [], Examples = details.Examples ?? [] }
                : Empty;
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
