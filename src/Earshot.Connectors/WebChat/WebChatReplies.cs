using Earshot.Connectors.Replies;
using Earshot.Core.Posts;

namespace Earshot.Connectors.WebChat;

/// <summary>
/// Agents' replies to a web chat: nothing leaves the building. The reply is addressed (by its external id) to the
/// conversation of the visitor's latest message; the case event CaseWork stores is what the widget's stream reads.
/// </summary>
public sealed class WebChatReplies : IReplySender
{
    public ChannelKind Kind => ChannelKind.WebChat;

    public static string ExternalIdPrefix(string conversation) => $"webchat:{conversation}:";

    public Task<string?> SendAsync(OutboundReply reply, CancellationToken cancellationToken) =>
        reply.ThreadExternalId is { Length: > 0 } conversation
            ? Task.FromResult<string?>(ExternalIdPrefix(conversation) + Guid.CreateVersion7().ToString("N"))
            : throw new InvalidOperationException("the chat message has no conversation to answer");
}
