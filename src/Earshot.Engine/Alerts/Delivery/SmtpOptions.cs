namespace Earshot.Engine.Alerts.Delivery;

/// <summary>
/// <c>Earshot:Smtp</c>: the relay alert e-mails go through. Without a host, e-mails wait and then dead-letter
/// with "SMTP is not configured", so a missing setting shows on the Alerts page instead of losing mail.
/// The password belongs in an environment variable (<c>Earshot__Smtp__Password</c>), not appsettings.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Earshot:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string From { get; set; } = "earshot@localhost";
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>"auto" (STARTTLS when offered), "starttls" (required), "ssl" (TLS on connect, port 465) or "none".</summary>
    public string Security { get; set; } = "auto";
}
