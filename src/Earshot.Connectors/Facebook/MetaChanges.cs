using Earshot.Core.Posts;

namespace Earshot.Connectors.Facebook;

public enum MetaAction
{
    /// <summary>A new or edited post or comment.</summary>
    Upsert,
    /// <summary>Deleted at the source: hidden here, history kept.</summary>
    Remove,
    /// <summary>Hidden by a Page moderator: hidden here too until unhidden.</summary>
    Hide,
    Unhide,
    /// <summary>Not a customer post (reactions, the Page's own comments, unsupported fields); <see cref="MetaChange.Reason"/> says why.</summary>
    Ignore,
}

/// <summary>One `changes[]` item of a Meta webhook, as Earshot acts on it.</summary>
public sealed record MetaChange(MetaAction Action, string? ExternalId, IncomingPost? Post = null, string? Reason = null)
{
    public static MetaChange Ignored(string reason) => new(MetaAction.Ignore, null, Reason: reason);
}

/// <summary>One `entry[]` of a delivery: the Page or Instagram account it is for, and its changes in order.</summary>
public sealed record MetaEntry(ChannelKind Kind, string AccountId, IReadOnlyList<MetaChange> Changes);
