namespace Earshot.Connectors.X;

/// <summary>A rule as X lists it (GET /2/tweets/search/stream/rules).</summary>
public sealed record XRule(string Id, string Value, string? Tag);

/// <summary>A rule Earshot wants in place: the channel's own rule, or one per topic.</summary>
public sealed record XDesiredRule(string Value, string Tag, Guid? TopicId);

/// <summary>What to change so X holds exactly the desired rules among the ones Earshot owns.</summary>
public sealed record XRulePlan(IReadOnlyList<string> DeleteIds, IReadOnlyList<XDesiredRule> Add, int Unchanged);

/// <summary>
/// Which rules are Earshot's, and the diff to apply. Tags name the channel (<c>earshot:&lt;channel&gt;</c> for the
/// channel's own rule, <c>earshot:&lt;channel&gt;:&lt;topic&gt;</c> per topic), so two channels on one X app never
/// delete each other's rules, and rules someone added by hand (any other tag, or none) are left alone.
/// </summary>
public static class XRulePlanner
{
    public static string ChannelTag(Guid channelId) => "earshot:" + channelId.ToString("N");

    public static string TopicTag(Guid channelId, Guid topicId) => ChannelTag(channelId) + ":" + topicId.ToString("N");

    public static bool IsOwnedBy(string? tag, Guid channelId)
    {
        var own = ChannelTag(channelId);
        return tag is not null && (tag == own || tag.StartsWith(own + ":", StringComparison.Ordinal));
    }

    /// <summary>The topics' translated rules (and the channel's own rule), one per distinct value: X refuses a second copy.</summary>
    public static IReadOnlyList<XDesiredRule> Desired(Guid channelId, string? channelRule, IEnumerable<(Guid TopicId, string? Rule)> topics)
    {
        var desired = new List<XDesiredRule>();
        if (!string.IsNullOrWhiteSpace(channelRule))
            desired.Add(new XDesiredRule(channelRule, ChannelTag(channelId), null));
        foreach (var (topicId, rule) in topics.OrderBy(t => t.TopicId))
        {
            if (rule is not null && desired.All(d => d.Value != rule))
                desired.Add(new XDesiredRule(rule, TopicTag(channelId, topicId), topicId));
        }
        return desired;
    }

    public static XRulePlan Plan(Guid channelId, IReadOnlyList<XRule> existing, IReadOnlyList<XDesiredRule> desired)
    {
        var owned = existing.Where(r => IsOwnedBy(r.Tag, channelId)).ToList();
        var kept = owned.Where(r => desired.Any(d => d.Tag == r.Tag && d.Value == r.Value)).ToList();
        var delete = owned.Except(kept).Select(r => r.Id).ToList();
        // A value already present under a tag that is not ours (a rule added by hand) already streams those posts.
        var add = desired.Where(d => !kept.Any(k => k.Tag == d.Tag && k.Value == d.Value)
                                     && !existing.Any(r => !IsOwnedBy(r.Tag, channelId) && r.Value == d.Value)).ToList();
        return new XRulePlan(delete, add, kept.Count);
    }
}
