using System.Text.Json;
using Earshot.Connectors.Replies;
using Earshot.Core.Posts;
using Earshot.Connectors.Shared.Outbound;
using MailKit.Net.Smtp;
using MimeKit;
using MimeKit.Utils;

namespace Earshot.Connectors.Email;

/// <summary>
/// Answers a stored e-mail post over SMTP as a proper reply: to its Reply-To (or From), "Re: " subject, `In-Reply-To`
/// its Message-ID and `References` its references plus its id, so the customer's client threads it. Everything
/// needed is read from the post's raw payload (<see cref="EmailMapper"/> writes it). Sent from our address, which the
/// mapper ignores if the reply comes back into the mailbox.
/// </summary>
public sealed class EmailReplies(SecretBox secrets, OutboundGuard guard, TimeProvider clock) : IReplySender
{
    public ChannelKind Kind => ChannelKind.Email;

    /// <summary>An agent's reply goes out over the channel's SMTP server, threaded under the customer's message.</summary>
    public async Task<string?> SendAsync(OutboundReply reply, CancellationToken cancellationToken) =>
        await ReplyAsync(EmailAccount.From(reply.Settings, secrets), reply.RawPayload, reply.Text, cancellationToken);

    /// <summary>Sends the reply; returns its Message-ID.</summary>
    public async Task<string> ReplyAsync(EmailAccount account, string originalRawPayload, string text, CancellationToken cancellationToken)
    {
        var reply = Compose(account.Address, originalRawPayload, text, clock.GetUtcNow());
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(await guard.ConnectAsync(account.Smtp.Host, account.SmtpPort, cancellationToken), account.Smtp.Host, account.SmtpPort, account.SmtpSecurity, cancellationToken);
        if (smtp.Capabilities.HasFlag(SmtpCapabilities.Authentication))
            await smtp.AuthenticateAsync(account.Username, account.Password, cancellationToken);
        await smtp.SendAsync(reply, cancellationToken);
        await smtp.DisconnectAsync(true, cancellationToken);
        return reply.MessageId!;
    }

    public static MimeMessage Compose(string ourAddress, string originalRawPayload, string text, DateTimeOffset date)
    {
        using var original = JsonDocument.Parse(originalRawPayload);
        var root = original.RootElement;
        var messageId = root.GetProperty("message_id").GetString() ?? throw new InvalidOperationException("The original message has no Message-ID to reply to.");
        var recipients = Addresses(root, "reply_to") is { Count: > 0 } replyTo ? replyTo : Addresses(root, "from");
        var subject = root.TryGetProperty("subject", out var s) ? s.GetString() ?? "" : "";

        var from = MailboxAddress.Parse(ourAddress);
        var reply = new MimeMessage
        {
            Subject = subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? subject : "Re: " + subject,
            InReplyTo = messageId,
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
            Date = date,
            Body = new TextPart("plain") { Text = text },
        };
        reply.From.Add(from);
        reply.To.AddRange(recipients);
        foreach (var reference in root.GetProperty("references").EnumerateArray())
            reply.References.Add(reference.GetString()!);
        reply.References.Add(messageId);
        return reply;
    }

    private static List<MailboxAddress> Addresses(JsonElement root, string field) =>
        root.TryGetProperty(field, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(a => new MailboxAddress(a.TryGetProperty("name", out var n) ? n.GetString() : null, a.GetProperty("address").GetString()!)).ToList()
            : [];
}
