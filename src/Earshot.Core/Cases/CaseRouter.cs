namespace Earshot.Core.Cases;

/// <summary>What routing looks at: the labels and place of the post that opened the case.</summary>
public sealed record RoutingInput(IReadOnlyCollection<Guid> TopicIds, string Intent, IReadOnlyCollection<string> Severities, string ChannelKind, string? Language);

/// <summary>The chosen team and why.</summary>
public sealed record RoutingDecision(Guid? TeamId, string RoutedBy, Guid? RuleId);

/// <summary>First matching rule, else the team owning a matched topic, else the workspace's fallback team.</summary>
public static class CaseRouter
{
    public static RoutingDecision Route(
        RoutingInput input, IEnumerable<RoutingRule> rules, IReadOnlyDictionary<Guid, Guid?> topicTeams, Guid? fallbackTeamId)
    {
        foreach (var rule in rules.Where(r => r.Enabled).OrderBy(r => r.Position).ThenBy(r => r.Name, StringComparer.Ordinal))
            if (Matches(rule, input))
                return new RoutingDecision(rule.TeamId, "rule: " + rule.Name, rule.Id);
        foreach (var topicId in input.TopicIds.Order())
            if (topicTeams.GetValueOrDefault(topicId) is { } owner)
                return new RoutingDecision(owner, "topic owner", null);
        return new RoutingDecision(fallbackTeamId, fallbackTeamId is null ? "unrouted" : "fallback", null);
    }

    public static bool Matches(RoutingRule rule, RoutingInput input) =>
        (rule.TopicIds.Count == 0 || rule.TopicIds.Any(input.TopicIds.Contains))
        && (rule.Intents.Count == 0 || rule.Intents.Contains(input.Intent, StringComparer.OrdinalIgnoreCase))
        && (rule.Severities.Count == 0 || rule.Severities.Any(s => input.Severities.Contains(s, StringComparer.OrdinalIgnoreCase)))
        && (rule.ChannelKinds.Count == 0 || rule.ChannelKinds.Contains(input.ChannelKind, StringComparer.OrdinalIgnoreCase))
        && (rule.Languages.Count == 0 || (input.Language is { } language && rule.Languages.Contains(language, StringComparer.OrdinalIgnoreCase)));
}
