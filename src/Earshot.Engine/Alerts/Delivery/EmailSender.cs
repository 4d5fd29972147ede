using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Earshot.Engine.Alerts.Delivery;

/// <summary>Sends alert e-mails over SMTP with MailKit, one connection per batch.</summary>
public sealed class EmailSender(IOptions<SmtpOptions> options)
{
    public sealed record Mail(Guid Id, string Recipients, string Subject, string TextBody);

    /// <summary>Sends each mail; the result per mail is null when it was accepted, or the error.</summary>
    public async Task<Dictionary<Guid, string?>> SendAsync(IReadOnlyList<Mail> mails, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var results = new Dictionary<Guid, string?>();
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            foreach (var mail in mails)
                results[mail.Id] = "SMTP is not configured (Earshot:Smtp:Host)";
            return results;
        }
        using var client = new SmtpClient();
        try
        {
            // The relay is the operator's own setting (configuration, never a request), often a Postfix on localhost:
            // it is trusted as configured, unlike every address a person gives through the API or the pages.
            await client.ConnectAsync(smtp.Host, smtp.Port, Security(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var mail in mails)
                results[mail.Id] = "SMTP connection failed: " + error.Message;
            return results;
        }
        foreach (var mail in mails)
        {
            try
            {
                await client.SendAsync(Message(smtp.From, mail), cancellationToken);
                results[mail.Id] = null;
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                results[mail.Id] = "SMTP refused the message: " + error.Message;
            }
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
        return results;
    }

    private static MimeMessage Message(string from, Mail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var to in mail.Recipients.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            message.To.Add(MailboxAddress.Parse(to));
        message.Subject = mail.Subject;
        // Stable per delivery, so a retry after a lost acknowledgement is recognisably the same mail.
        message.MessageId = mail.Id.ToString("N") + "@earshot";
        message.Body = new TextPart("plain") { Text = mail.TextBody };
        return message;
    }

    private static SecureSocketOptions Security(string mode) => mode.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
