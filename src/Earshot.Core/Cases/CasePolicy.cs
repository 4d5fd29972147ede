using System.Text.Json;
using System.Text.Json.Serialization;

namespace Earshot.Core.Cases;

/// <summary>
/// A workspace's rules for opening and ordering cases. Priority is counted in minutes of waiting: a case's head
/// start (severity plus intent) is how many minutes of waiting it is worth, so a low-severity case that has waited
/// longer than that head start overtakes a newer urgent one, and nothing starves.
/// </summary>
public sealed record CasePolicy
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static readonly CasePolicy Default = new();

    /// <summary>Intents that open a case; other posts only join a case already open.</summary>
    public IReadOnlyList<string> ActionableIntents { get; init; } = ["complaint", "question"];

    /// <summary>A new post joins the author's open case on the same channel when it came within this many hours.</summary>
    public double JoinWindowHours { get; init; } = 72;

    public IReadOnlyDictionary<string, double> SeverityMinutes { get; init; } = new Dictionary<string, double>
    {
        ["outage"] = 120, ["safety"] = 180, ["legal"] = 90, ["billing"] = 60, ["switching"] = 60,
    };

    public IReadOnlyDictionary<string, double> IntentMinutes { get; init; } = new Dictionary<string, double>
    {
        ["complaint"] = 30, ["question"] = 20,
    };

    /// <summary>How close to an SLA deadline a case starts to rise again, and by how much; overdue cases rise twice that.</summary>
    public double SlaWarningMinutes { get; init; } = 15;

    public double SlaWarningBoostMinutes { get; init; } = 30;

    /// <summary>Off by default. When on, each tenfold of followers is worth this many minutes; audited and reported.</summary>
    public bool ReachFactorEnabled { get; init; }

    public double ReachMinutesPerTenfold { get; init; } = 10;

    public static CasePolicy Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json == "{}")
            return Default;
        return JsonSerializer.Deserialize<CasePolicy>(json, Json) ?? Default;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
