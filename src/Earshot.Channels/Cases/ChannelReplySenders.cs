using Earshot.Channels.Connectors;
using Earshot.Channels.Connectors.Email;
using Earshot.Channels.Connectors.Facebook;
using Earshot.Core.Posts;

namespace Earshot.Channels.Cases;

/// <summary>Agents' replies to e-mail go out over the channel's SMTP server, threaded under the customer's message.</summary>
public sealed class EmailReplySender(EmailReplies replies, SecretBox secrets) : IReplySender
{
    public ChannelKind Kind => ChannelKind.Email;

    public async Task<string?> SendAsync(OutboundReply reply, CancellationToken cancellationToken) =>
        await replies.ReplyAsync(EmailAccount.From(reply.Settings, secrets), reply.RawPayload, reply.Text, cancellationToken);
}

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
