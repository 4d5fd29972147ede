using Earshot.Core.Wording;
using System.Globalization;
using System.Text.Json;
using MailKit.Security;

namespace Earshot.Connectors.Email;

/// <summary>
/// A mailbox's settings, with the password decrypted: `imap_url` (imap:// or imaps://), `smtp_url` (smtp:// or
/// smtps://), `username`, `password` (encrypted at rest), `address` (ours, default the username), `folder`, and
/// `interval_seconds` (the poll interval, and the longest IDLE before a run ends and health is recorded), and
/// `max_attachment_bytes` (larger attachments are listed without their content; default 10 MB).
/// </summary>
public sealed record EmailAccount(Uri Imap, Uri Smtp, string Username, string Password, string Address, string Folder, TimeSpan Interval)
{
    public long MaxAttachmentBytes { get; init; } = EmailAttachments.DefaultMaxBytes;

    public const int DefaultIntervalSeconds = 120;

    public static EmailAccount From(JsonElement settings, SecretBox secrets)
    {
        var username = Setting(settings, "username")!;
        return new EmailAccount(
            new Uri(Setting(settings, "imap_url")!), new Uri(Setting(settings, "smtp_url")!), username,
            secrets.Unprotect(Setting(settings, "password")!),
            Setting(settings, "address") ?? username, Setting(settings, "folder") ?? "INBOX",
            TimeSpan.FromSeconds(settings.TryGetProperty("interval_seconds", out var s) && s.TryGetInt32(out var seconds) ? seconds : DefaultIntervalSeconds))
        {
            MaxAttachmentBytes = settings.TryGetProperty("max_attachment_bytes", out var m) && m.TryGetInt64(out var max) ? max : EmailAttachments.DefaultMaxBytes,
        };
    }

    public static IReadOnlyDictionary<string, Phrase> Validate(JsonElement settings)
    {
        var errors = new Dictionary<string, Phrase>();
        if (!IsUrl(Setting(settings, "imap_url"), "imap", "imaps"))
            errors["imap_url"] = new Phrase("an imap:// or imaps:// URL with the server's host is required (imaps:// in production)");
        if (!IsUrl(Setting(settings, "smtp_url"), "smtp", "smtps"))
            errors["smtp_url"] = new Phrase("an smtp:// or smtps:// URL with the server's host is required");
        if (string.IsNullOrWhiteSpace(Setting(settings, "username")))
            errors["username"] = new Phrase("the mailbox's user name is required");
        if (string.IsNullOrEmpty(Setting(settings, "password")))
            errors["password"] = new Phrase("the mailbox's password is required");
        var address = Setting(settings, "address") ?? Setting(settings, "username");
        if (address is null || !MimeKit.MailboxAddress.TryParse(address, out var parsed) || !parsed.Address.Contains('@', StringComparison.Ordinal))
            errors["address"] = new Phrase("our e-mail address is needed (for replies, and to ignore our own mail); give --address when the user name is not one");
        if (settings.TryGetProperty("interval_seconds", out var seconds) && (!seconds.TryGetInt32(out var value) || value is < 1 or > 1500))
            errors["interval_seconds"] = new Phrase("between 1 and 1500 seconds (IMAP servers drop IDLE after 30 minutes)");
        if (settings.TryGetProperty("max_attachment_bytes", out var max) && (!max.TryGetInt64(out var bytes) || bytes < 0))
            errors["max_attachment_bytes"] = new Phrase("a number of bytes, 0 or more (larger attachments are listed without their content)");
        return errors;
    }

    public SecureSocketOptions ImapSecurity => Imap.Scheme == "imaps" ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;

    public int ImapPort => Imap.Port > 0 ? Imap.Port : Imap.Scheme == "imaps" ? 993 : 143;

    public SecureSocketOptions SmtpSecurity => Smtp.Scheme == "smtps" ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;

    public int SmtpPort => Smtp.Port > 0 ? Smtp.Port : Smtp.Scheme == "smtps" ? 465 : 587;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Username} at {Imap.Host}"); // never the password

    private static bool IsUrl(string? value, params string[] schemes) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && schemes.Contains(url.Scheme) && url.Host.Length > 0;

    private static string? Setting(JsonElement settings, string name) =>
        settings.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
