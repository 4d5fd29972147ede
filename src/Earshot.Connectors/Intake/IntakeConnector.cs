using Earshot.Core.Wording;
using System.Text.Json;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Intake;

/// <summary>
/// A signed webhook any system can post to (`POST /api/intake/{channel}`): a web form, a chat widget, a CRM. Nothing
/// runs on a schedule; this connector only checks the settings and names the secret to encrypt.
/// </summary>
public sealed class IntakeConnector : IChannelConnector
{
    public const int MinSecretLength = 16;

    public ChannelKind Kind => ChannelKind.Intake;

    public bool IsPush => true;

    public IReadOnlyList<string> SecretFields => ["secret"];

    public IReadOnlyDictionary<string, Phrase> Validate(JsonElement settings)
    {
        var errors = new Dictionary<string, Phrase>();
        if (!settings.TryGetProperty("secret", out var secret) || secret.ValueKind != JsonValueKind.String
            || secret.GetString()!.Length < MinSecretLength)
            errors["secret"] = new Phrase("a shared secret of at least {0} characters is required (e.g. `openssl rand -hex 32`)", MinSecretLength);
        return errors;
    }

    public Task<ConnectorRun> RunOnceAsync(ConnectorContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Intake channels receive deliveries; they are never run.");
}
