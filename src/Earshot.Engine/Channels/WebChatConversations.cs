using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Earshot.Connectors.Push;
using Earshot.Connectors.WebChat;
using Earshot.Core.Cases;
using Earshot.Core.Posts;
using Earshot.Core.Workspaces;
using Earshot.Engine.Cases;
using Earshot.Engine.Pipeline;
using Earshot.Storage.Ingest;

namespace Earshot.Engine.Channels;

/// <summary>One line of a chat as the widget shows it: the visitor's message (id = the widget's message id) or an agent's reply.</summary>
public sealed record ChatLine(string Id, string From, string? Name, string Text, DateTime At);

/// <summary>
/// A visitor's conversation: their messages are posts on the channel (external id `conversation:message id`, so a
/// retried message is stored once and one conversation cannot touch another's ids); agents' replies are the case's
/// reply events that <see cref="WebChatReplies"/> addressed to this conversation. Replies are never stored as
/// posts, so they cannot come back through the pipeline as customer messages (the loop guard).
/// </summary>
public sealed class WebChatConversations(
    IDbContextFactory<EarshotDbContext> contexts, IngestService ingest, PushChannels channels, CaseSettings settings, TimeProvider clock)
{
    public const int MaxMessageLength = 4_000;
    public const string Visitor = "visitor";
    public const string Agent = "agent";

    /// <summary>A conversation id: stable per brand-verified visitor (history follows them), fresh for everyone else.</summary>
    public static string NewConversation(Guid channelId, string? verifiedVisitorId) => verifiedVisitorId is null
        ? "s" + Guid.NewGuid().ToString("N")
        : "v" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(channelId.ToString("N") + "\n" + verifiedVisitorId)))[..32];

    public async Task<IngestOutcome> StoreAsync(PushChannels.Found channel, VisitorSession session, string messageId, string text, string? origin, CancellationToken cancellationToken)
    {
        var raw = JsonSerializer.Serialize(new
        {
            id = messageId, conversation = session.Conversation, text, visitor = session.Handle, name = session.Name,
            email = session.Email, verified = session.Verified, origin,
        });
        var post = new IncomingPost
        {
            ExternalId = session.Conversation + ":" + messageId,
            Channel = ChannelKind.WebChat,
            Author = session.Handle,
            AuthorDisplayName = session.Name ?? session.Email,
            Text = text,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            // Every message of a conversation hangs off the conversation id, so they share one thread and one case.
            InReplyTo = session.Conversation,
            ThreadRoot = session.Conversation,
            RawPayload = raw,
        };
        var outcome = (await ingest.IngestToChannelAsync(channel.WorkspaceId, channel.Id, [post], cancellationToken)).Single();
        await channels.RecordDeliveryAsync(channel.Id, outcome.Status == IngestStatus.Duplicate ? 0 : 1, cancellationToken);
        return outcome;
    }

    /// <summary>The conversation's lines at or after <paramref name="since"/>, oldest first (the widget drops ids it has).</summary>
    public async Task<IReadOnlyList<ChatLine>> LinesAsync(Guid channelId, VisitorSession session, DateTime? since, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var from = since ?? DateTime.MinValue;
        var prefix = session.Conversation + ":";
        var messages = await db.Posts.AsNoTracking()
            .Where(p => p.ChannelId == channelId && p.ExternalId.StartsWith(prefix) && !p.IsDeleted && p.CreatedAt >= from)
            .Select(p => new { p.ExternalId, p.Text, p.CreatedAt }).ToListAsync(cancellationToken);
        var lines = messages.Select(m => new ChatLine(m.ExternalId[prefix.Length..], Visitor, session.Name, m.Text, m.CreatedAt)).ToList();

        var authorId = await db.Authors.Where(a => a.ChannelId == channelId && a.Handle == session.Handle).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (authorId is not null)
        {
            var replies = await db.Cases.Where(c => c.AuthorId == authorId)
                .Join(db.CaseEvents, c => c.Id, e => e.CaseId, (c, e) => e)
                .Where(e => e.Kind == CaseEventKinds.Reply && e.ActorId != null && e.At >= from)
                .Join(db.Users, e => e.ActorId, u => u.Id, (e, u) => new { e.Id, e.DataJson, e.At, u.DisplayName })
                .ToListAsync(cancellationToken);
            var addressedHere = WebChatReplies.ExternalIdPrefix(session.Conversation);
            foreach (var reply in replies)
            {
                using var data = JsonDocument.Parse(reply.DataJson);
                if (data.RootElement.TryGetProperty("external_id", out var id) && id.GetString() is { } externalId
                    && externalId.StartsWith(addressedHere, StringComparison.Ordinal) && data.RootElement.TryGetProperty("text", out var text))
                    lines.Add(new ChatLine(reply.Id.ToString(), Agent, FirstName(reply.DisplayName), text.GetString() ?? "", reply.At));
            }
        }
        return lines.OrderBy(l => l.At).ThenBy(l => l.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Whether someone can answer now: an available agent of the team a chat is routed to (by the workspace's rules for
    /// web chat, else its fallback team), or of the workspace when no team is named. Offline messages are kept anyway.
    /// </summary>
    public async Task<bool> AgentsOnlineAsync(PushChannels.Found channel, CancellationToken cancellationToken)
    {
        var workspace = await settings.ForAsync(channel.WorkspaceId, cancellationToken);
        var team = CaseRouter.Route(new RoutingInput([], "question", [], ChannelKind.WebChat.WireName(), null),
            workspace.Rules, workspace.TopicTeams, workspace.FallbackTeamId).TeamId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var workers = db.Users.Where(u => u.Available && (u.Role == Roles.Agent || u.Role == Roles.Lead));
        return team is { } teamId
            ? await db.TeamMembers.Where(m => m.TeamId == teamId).Join(workers, m => m.UserId, u => u.Id, (m, u) => u.Id).AnyAsync(cancellationToken)
            : await db.WorkspaceMembers.Where(m => m.WorkspaceId == channel.WorkspaceId).Join(workers, m => m.UserId, u => u.Id, (m, u) => u.Id).AnyAsync(cancellationToken);
    }

    // Visitors see who answers, but not a colleague's full name.
    private static string FirstName(string displayName) => displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "Support";
}
