using Earshot.Core.Posts;

namespace Earshot.Core.Topics.Matching;

/// <summary>
/// What the matcher reads from a post. Channel is the lower-case ChannelKind name ("mastodon"); Urls are links
/// the source gives besides those in the text (e.g. expanded short links); Country only where the channel provides it.
/// </summary>
public readonly record struct MatchInput(
    string Text,
    string? Author = null,
    string? Channel = null,
    string? Language = null,
    long? Followers = null,
    bool IsReply = false,
    bool IsBrand = false,
    string? Country = null,
    IReadOnlyList<string>? Urls = null)
{
    public static MatchInput From(IncomingPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new MatchInput(
            post.Text,
            post.Author,
            post.Channel.WireName(),
            post.Language,
            post.AuthorFollowers,
            IsReply: post.InReplyTo is not null,
            IsBrand: post.IsBrand);
    }
}
