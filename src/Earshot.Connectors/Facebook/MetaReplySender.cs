using Earshot.Connectors.Replies;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Facebook;

/// <summary>Agents' replies to Facebook and Instagram comments go out through the Graph API as the Page.</summary>
public sealed class MetaReplySender(ChannelKind kind, FacebookReplies replies, SecretBox secrets) : IReplySender
{
    public ChannelKind Kind => kind;

    public async Task<string?> SendAsync(OutboundReply reply, CancellationToken cancellationToken)
    {
        var baseUrl = reply.Settings.TryGetProperty("base_url", out var url) && url.GetString() is { Length: > 0 } given ? given : MetaConnector.DefaultGraphUrl;
        var token = reply.Settings.TryGetProperty("access_token", out var stored) && stored.GetString() is { } secret
            ? secrets.Unprotect(secret)
            : throw new InvalidOperationException("the channel has no access token; add it again");
        try
        {
            return await replies.ReplyAsync(new MetaReplyTarget(kind, new Uri(baseUrl), token), reply.InReplyToExternalId, reply.Text, cancellationToken);
        }
        catch (MetaReplyException error)
        {
            throw new ConnectorException(error.Message);
        }
    }
}
