using System.Text.Json;
using Earshot.Core.Posts;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Connectors.X;

/// <summary>A topic's rule on one X channel, and what X said of it at the last sync (null: accepted or not sent).</summary>
public sealed record XTopicRule(Guid TopicId, string Topic, string Tag, XRuleTranslation Translation, string? Refused);

/// <summary>What the X channels send for each topic: for <c>earshot channels x-rules</c> and the Topics page.</summary>
public static class XRuleReport
{
    public static async Task<IReadOnlyList<XTopicRule>> ForChannelAsync(EarshotDbContext db, Guid channelId, CancellationToken cancellationToken)
    {
        var channel = await db.Channels.AsNoTracking().FirstAsync(c => c.Id == channelId && c.Kind == ChannelKind.X, cancellationToken);
        using var settings = JsonDocument.Parse(channel.SettingsJson);
        var limits = XRuleLimits.FromSettings(settings.RootElement);
        var follows = !settings.RootElement.TryGetProperty("follow_topics", out var follow) || follow.ValueKind != JsonValueKind.False;
        var refused = XRejections.Read(channel.Cursor);
        var topics = follows
            ? await db.Topics.AsNoTracking().Where(t => t.WorkspaceId == channel.WorkspaceId).OrderBy(t => t.Name).ToListAsync(cancellationToken)
            : [];
        return topics.Select(t =>
        {
            var tag = XRulePlanner.TopicTag(channelId, t.Id);
            return new XTopicRule(t.Id, t.Name, tag, XRuleTranslator.Translate(t.Query, limits), refused.FirstOrDefault(r => r.Tag == tag)?.Message);
        }).ToList();
    }

    /// <summary>Each workspace's rule limits: those of its first X channel, else X's basic tier.</summary>
    public static async Task<IReadOnlyDictionary<Guid, XRuleLimits>> LimitsByWorkspaceAsync(EarshotDbContext db, CancellationToken cancellationToken)
    {
        var channels = await db.Channels.AsNoTracking().Where(c => c.Kind == ChannelKind.X).OrderBy(c => c.CreatedAt)
            .Select(c => new { c.WorkspaceId, c.SettingsJson }).ToListAsync(cancellationToken);
        var limits = new Dictionary<Guid, XRuleLimits>();
        foreach (var channel in channels)
        {
            using var settings = JsonDocument.Parse(channel.SettingsJson);
            limits.TryAdd(channel.WorkspaceId, XRuleLimits.FromSettings(settings.RootElement));
        }
        return limits;
    }
}
