namespace Earshot.Connectors.X;

public enum XRuleFidelity
{
    /// <summary>X streams exactly the posts the topic matches.</summary>
    Exact,
    /// <summary>X streams more posts than the topic matches; Earshot's matcher keeps only the topic's own.</summary>
    Broader,
    /// <summary>No rule is sent for the topic; <see cref="XRuleTranslation.Reason"/> says why.</summary>
    NotExpressible,
}

/// <summary>
/// A topic's filtered-stream rule. <see cref="Notes"/> say what was changed on the way (each one a construct X lacks
/// that the rule broadens); posts from the stream are always re-matched locally with the exact topic.
/// </summary>
public sealed record XRuleTranslation(string? Rule, XRuleFidelity Fidelity, IReadOnlyList<string> Notes, string? Reason = null)
{
    /// <summary>One line for a terminal or a table cell: the rule and what to know about it.</summary>
    public string Summary => Fidelity switch
    {
        XRuleFidelity.Exact => "exact",
        XRuleFidelity.Broader => "broader on X, filtered locally: " + string.Join("; ", Notes),
        _ => "cannot be expressed: " + Reason,
    };
}

/// <summary>X's limits on one rule: 512 characters on the basic tiers, 1,024 on pay-per-use and Pro.</summary>
public sealed record XRuleLimits
{
    public const int DefaultMaxLength = 512;

    public int MaxLength { get; init; } = DefaultMaxLength;

    /// <summary>The limits an X channel's settings give (<c>rule_max_length</c>).</summary>
    public static XRuleLimits FromSettings(System.Text.Json.JsonElement settings) =>
        new() { MaxLength = XSettings.Int(settings, "rule_max_length") ?? DefaultMaxLength };
}
