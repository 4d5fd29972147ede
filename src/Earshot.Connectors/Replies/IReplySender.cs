using System.Text.Json;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Replies;

/// <summary>What a reply needs to go out on its channel. Secrets in the settings are still protected (see SecretBox).</summary>
public sealed record OutboundReply(Guid ChannelId, JsonElement Settings, string InReplyToExternalId, string? ThreadExternalId, string AuthorHandle, string Text, string RawPayload);

/// <summary>
/// Sends an agent's reply back through a channel (a Facebook comment, an e-mail, a Mastodon reply). Channels
/// without a sender keep the reply as recorded outbound text, to be posted by hand.
/// </summary>
public interface IReplySender
{
    ChannelKind Kind { get; }

    /// <summary>Sends the reply; returns the external id the network gave it, when it gives one.</summary>
    Task<string?> SendAsync(OutboundReply reply, CancellationToken cancellationToken);
}
