using Earshot.Core.Wording;
using System.Text.Json;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Core.Posts;
using Earshot.Storage.Ingest;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Earshot.Connectors.Email;

/// <summary>
/// Reads a mailbox over IMAP: every message after the cursor's UID, oldest first, mapped by <see cref="EmailMapper"/>.
/// The folder is opened read-only and bodies are fetched with BODY.PEEK, so the mailbox looks untouched to the
/// people who also use it. When the server supports IDLE a run then waits (up to the interval) for new mail and
/// fetches it at once; otherwise the host polls at the interval.
/// </summary>
public sealed partial class EmailConnector(SecretBox secrets, OutboundGuard guard, ILogger<EmailConnector>? logger = null) : IChannelConnector
{
    /// <summary>Messages read per fetch, so a huge first sync is spread over runs that each record progress.</summary>
    public const int MaxPerFetch = 200;

    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public ChannelKind Kind => ChannelKind.Email;

    public IReadOnlyList<string> SecretFields => ["password"];

    public IReadOnlyDictionary<string, Phrase> Validate(JsonElement settings) => EmailAccount.Validate(settings);

    public async Task<ConnectorRun> RunOnceAsync(ConnectorContext context, CancellationToken cancellationToken)
    {
        var account = EmailAccount.From(context.Settings, secrets);
        using var imap = new ImapClient();
        // Over a socket the guard connected, so the IMAP host is checked like any other outbound address.
        await imap.ConnectAsync(await guard.ConnectAsync(account.Imap.Host, account.ImapPort, cancellationToken), account.Imap.Host, account.ImapPort, account.ImapSecurity, cancellationToken);
        await imap.AuthenticateAsync(account.Username, account.Password, cancellationToken);
        var folder = await imap.GetFolderAsync(account.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);

        var cursor = EmailCursor.Parse(context.Cursor, folder.UidValidity);
        var (next, received, more) = await FetchNewAsync(folder, cursor, account, context, cancellationToken);
        if (!more && imap.Capabilities.HasFlag(ImapCapabilities.Idle) && await IdleUntilNewMailAsync(imap, folder, account.Interval, cancellationToken))
        {
            var (after, later, rest) = await FetchNewAsync(folder, next, account, context, cancellationToken);
            (next, received, more) = (after, received + later, rest);
        }
        // After an IDLE the interval has already been waited; run again at once and IDLE again.
        var idles = imap.Capabilities.HasFlag(ImapCapabilities.Idle);
        await imap.DisconnectAsync(true, cancellationToken);
        return new ConnectorRun(next.ToString(), received, more || idles ? TimeSpan.Zero : account.Interval);
    }

    private async Task<(EmailCursor Next, int Received, bool More)> FetchNewAsync(
        IMailFolder folder, EmailCursor cursor, EmailAccount account, ConnectorContext context, CancellationToken cancellationToken)
    {
        var range = new UniqueIdRange(new UniqueId(cursor.UidValidity, cursor.LastUid + 1), UniqueId.MaxValue);
        // "n:*" always includes the highest UID even when it is below n (RFC 3501), hence the filter.
        var uids = (await folder.SearchAsync(SearchQuery.Uids(range), cancellationToken))
            .Where(u => u.Id > cursor.LastUid).OrderBy(u => u.Id).ToList();
        if (uids.Count == 0)
            return (cursor, 0, false);
        var batch = uids.Take(MaxPerFetch).ToList();
        var posts = new List<IncomingPost>(batch.Count);
        foreach (var uid in batch)
        {
            var message = await folder.GetMessageAsync(uid, cancellationToken);
            var item = EmailMapper.Map(message, $"imap-{cursor.UidValidity}-{uid.Id}", account.Address, account.MaxAttachmentBytes);
            if (item.Post is not null)
                posts.Add(item.Post);
            else
                LogSkipped(_logger, context.ChannelName, uid.Id, item.Skipped ?? "");
        }
        var outcomes = posts.Count > 0 ? await context.IngestAsync(posts, cancellationToken) : [];
        return (cursor with { LastUid = batch[^1].Id }, outcomes.Count(o => o.Status != IngestStatus.Duplicate), uids.Count > batch.Count);
    }

    /// <summary>IDLEs until the folder's message count changes (true) or the time is up (false).</summary>
    private static async Task<bool> IdleUntilNewMailAsync(ImapClient imap, IMailFolder folder, TimeSpan longest, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        done.CancelAfter(longest);
        var arrived = false;
        void OnCountChanged(object? sender, EventArgs e)
        {
            arrived = true;
            done.Cancel();
        }
        folder.CountChanged += OnCountChanged;
        try
        {
            await imap.IdleAsync(done.Token, cancellationToken);
        }
        finally
        {
            folder.CountChanged -= OnCountChanged;
        }
        return arrived;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {Channel}: message UID {Uid} not ingested: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string channel, uint uid, string reason);
}
