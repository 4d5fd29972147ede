using System.Text.Json;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;
using MimeKit;

namespace Earshot.Connectors.Email;

/// <summary>A message as a post, or why it is not one (an auto-reply, a bounce, our own mail).</summary>
public sealed record EmailItem(IncomingPost? Post, string? Skipped);

/// <summary>
/// Maps one MIME message to a post. Pure, so golden tests run RFC 5322 fixtures through it. Threading follows the
/// headers: the post replies to `In-Reply-To` (or the last `References` id) and its thread is the first `References` id.
/// </summary>
public static class EmailMapper
{
    /// <param name="fallbackId">The id to use when the message has no Message-ID (its IMAP UID, say).</param>
    /// <param name="ownAddress">Our mailbox: mail from it is ours (a reply copied back), never a customer post.</param>
    /// <param name="maxAttachmentBytes">Larger attachments are listed (name, size, hash) without their content.</param>
    public static EmailItem Map(MimeMessage message, string fallbackId, string? ownAddress, long maxAttachmentBytes = EmailAttachments.DefaultMaxBytes)
    {
        if (AutomatedMail.Why(message) is { } automated)
            return new EmailItem(null, automated);
        var from = message.From.Mailboxes.FirstOrDefault();
        if (from is null || string.IsNullOrWhiteSpace(from.Address))
            return new EmailItem(null, "no sender");
        if (ownAddress is not null && string.Equals(from.Address, Bare(ownAddress), StringComparison.OrdinalIgnoreCase))
            return new EmailItem(null, "sent from this mailbox");

        var references = message.References.ToList();
        var parent = message.InReplyTo is { Length: > 0 } inReplyTo ? inReplyTo : references.LastOrDefault();
        var body = message.TextBody ?? (message.HtmlBody is { } html ? HtmlText.ToPlainText(html) : "");
        var text = EmailText.WithoutQuotedHistory(body);
        // A conversation's first message is known by its subject; replies repeat it with "Re:", so they leave it out.
        if (parent is null && !string.IsNullOrWhiteSpace(message.Subject))
            text = message.Subject.Trim() + "\n\n" + text;
        return new EmailItem(new IncomingPost
        {
            ExternalId = message.MessageId is { Length: > 0 } id ? id : fallbackId,
            Channel = ChannelKind.Email,
            Author = from.Address.ToLowerInvariant(),
            AuthorDisplayName = string.IsNullOrWhiteSpace(from.Name) ? null : from.Name,
            Text = text,
            CreatedAt = message.Headers.Contains(HeaderId.Date) ? message.Date.UtcDateTime : null,
            InReplyTo = parent,
            ThreadRoot = references.FirstOrDefault() ?? parent,
            RawPayload = RawPayload(message, body),
            Attachments = EmailAttachments.Read(message, maxAttachmentBytes),
        }, null);
    }

    // The whole message minus attachment contents: full bodies (quotes included), addresses, threading headers, and
    // what is attached, so an agent sees everything and a reply can be addressed from this alone (EmailReplies).
    private static string RawPayload(MimeMessage message, string text) => JsonSerializer.Serialize(new
    {
        message_id = message.MessageId,
        in_reply_to = message.InReplyTo,
        references = message.References.ToList(),
        subject = message.Subject,
        date = message.Headers.Contains(HeaderId.Date) ? message.Date.ToString("o", System.Globalization.CultureInfo.InvariantCulture) : null,
        from = Addresses(message.From),
        reply_to = Addresses(message.ReplyTo),
        to = Addresses(message.To),
        cc = Addresses(message.Cc),
        text,
        html = message.HtmlBody,
        attachments = message.Attachments.Select(a => new
        {
            file_name = (a as MimePart)?.FileName ?? a.ContentDisposition?.FileName,
            content_type = a.ContentType.MimeType,
            content_id = a.ContentId,
        }).ToList(),
    });

    private static List<object> Addresses(InternetAddressList list) =>
        list.Mailboxes.Select(m => (object)new { name = string.IsNullOrEmpty(m.Name) ? null : m.Name, address = m.Address }).ToList();

    private static string Bare(string address) => MailboxAddress.TryParse(address, out var parsed) ? parsed.Address : address;
}
