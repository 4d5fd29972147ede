using Earshot.Connectors.Replies;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Email;

/// <summary>Agents' replies to e-mail go out over the channel's SMTP server, threaded under the customer's message.</summary>
public sealed class EmailReplySender(EmailReplies replies, SecretBox secrets) : IReplySender
{
    public ChannelKind Kind => ChannelKind.Email;

    public async Task<string?> SendAsync(OutboundReply reply, CancellationToken cancellationToken) =>
        await replies.ReplyAsync(EmailAccount.From(reply.Settings, secrets), reply.RawPayload, reply.Text, cancellationToken);
}
