using Earshot.Core.Cases;

namespace Earshot.Core.Tests.Cases;

public sealed class CaseRouterTests
{
    private static readonly Guid Billing = Guid.NewGuid(), Network = Guid.NewGuid(), Care = Guid.NewGuid(), Spanish = Guid.NewGuid();
    private static readonly Guid OutageTopic = Guid.NewGuid();

    private static readonly RoutingRule[] Rules =
    [
        new() { Name = "spanish", Position = 1, TeamId = Spanish, Languages = ["es"] },
        new() { Name = "money", Position = 2, TeamId = Billing, Severities = ["billing"], Intents = ["complaint", "question"] },
        new() { Name = "disabled", Position = 0, TeamId = Care, Enabled = false },
    ];

    private static RoutingDecision Route(string intent, string[] severities, string? language = "en", Guid[]? topics = null) =>
        CaseRouter.Route(new RoutingInput(topics ?? [], intent, severities, "x", language), Rules,
            new Dictionary<Guid, Guid?> { [OutageTopic] = Network }, Care);

    [Fact]
    public void The_first_matching_rule_wins_and_disabled_rules_are_skipped()
    {
        Assert.Equal(new RoutingDecision(Spanish, "rule: spanish", Rules[0].Id), Route("complaint", ["billing"], "es"));
        Assert.Equal(Billing, Route("complaint", ["billing"]).TeamId);
    }

    [Fact]
    public void Every_condition_of_a_rule_must_hold()
    {
        Assert.Equal("fallback", Route("praise", ["billing"]).RoutedBy);
        Assert.Equal("fallback", Route("complaint", [], language: null).RoutedBy);
    }

    [Fact]
    public void Topic_owners_come_before_the_fallback_team()
    {
        Assert.Equal(new RoutingDecision(Network, "topic owner", null), Route("complaint", [], topics: [OutageTopic]));
        Assert.Equal(new RoutingDecision(Care, "fallback", null), Route("complaint", []));
    }
}
