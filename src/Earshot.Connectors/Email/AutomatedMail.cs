using MimeKit;

namespace Earshot.Connectors.Email;

/// <summary>
/// Recognises mail no customer wrote: auto-replies (RFC 3834 `Auto-Submitted`, the older `X-Autoreply` family,
/// `Precedence: bulk|auto_reply|junk`) and bounces (`multipart/report` delivery reports, MAILER-DAEMON, a null
/// return path). Ingesting them would open cases for out-of-office notes and answer them, which loops.
/// </summary>
public static class AutomatedMail
{
    private static readonly string[] AutoReplyHeaders = ["X-Autoreply", "X-Autorespond", "X-Autoresponder"];
    private static readonly string[] BulkPrecedence = ["bulk", "auto_reply", "junk"];
    private static readonly string[] BounceSenders = ["mailer-daemon", "postmaster"];

    /// <summary>Why the message is automated, or null for a message a person wrote.</summary>
    public static string? Why(MimeMessage message)
    {
        var autoSubmitted = message.Headers[HeaderId.AutoSubmitted]?.Trim();
        if (!string.IsNullOrEmpty(autoSubmitted) && !autoSubmitted.StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return "auto-reply (Auto-Submitted: " + autoSubmitted + ")";
        if (AutoReplyHeaders.FirstOrDefault(h => message.Headers.Contains(h)) is { } header)
            return "auto-reply (" + header + ")";
        var precedence = message.Headers[HeaderId.Precedence]?.Trim();
        if (precedence is not null && BulkPrecedence.Contains(precedence, StringComparer.OrdinalIgnoreCase))
            return "bulk or auto-reply (Precedence: " + precedence + ")";
        if (message.Body is MultipartReport report)
            return "bounce or report (multipart/report; " + (report.ReportType ?? "unknown") + ")";
        var sender = message.From.Mailboxes.FirstOrDefault()?.LocalPart;
        if (sender is not null && BounceSenders.Contains(sender, StringComparer.OrdinalIgnoreCase))
            return "bounce (from " + sender + ")";
        if (message.Headers[HeaderId.ReturnPath]?.Trim() == "<>")
            return "bounce (null return path)";
        return null;
    }
}
