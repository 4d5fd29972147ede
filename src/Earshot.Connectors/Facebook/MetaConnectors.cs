using Earshot.Core.Wording;
using System.Text.Json;
using Earshot.Connectors.Push;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Facebook;

/// <summary>
/// A Facebook Page or an Instagram professional account whose comments Meta pushes to `/api/webhooks/facebook`.
/// Nothing runs on a schedule; the connector checks settings and names the secrets to encrypt.
/// </summary>
public abstract class MetaConnector : IChannelConnector
{
    public const string DefaultGraphUrl = "https://graph.facebook.com/v26.0";

    public abstract ChannelKind Kind { get; }

    /// <summary>The setting that holds the id Meta puts in `entry[].id`.</summary>
    public abstract string AccountField { get; }

    public bool IsPush => true;

    public IReadOnlyList<string> SecretFields => ["app_secret", "verify_token", "access_token"];

    public IReadOnlyDictionary<string, Phrase> Validate(JsonElement settings)
    {
        var errors = new Dictionary<string, Phrase>();
        if (Setting(settings, AccountField) is not { Length: > 0 } id || !id.All(char.IsAsciiDigit))
            errors[AccountField] = new Phrase("the numeric id Meta sends as entry[].id is required");
        foreach (var secret in SecretFields)
        {
            if (string.IsNullOrWhiteSpace(Setting(settings, secret)))
                errors[secret] = new Phrase("'{0}' is required", secret);
        }
        if (!Uri.TryCreate(Setting(settings, "base_url") ?? DefaultGraphUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            errors["base_url"] = new Phrase("the Graph API address must be an http(s) URL");
        return errors;
    }

    public Task<ConnectorRun> RunOnceAsync(ConnectorContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Meta channels receive webhook deliveries; they are never run.");

    public static string? Setting(JsonElement settings, string name) =>
        settings.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The account id of a configured Meta channel, whichever kind.</summary>
    public static string? AccountOf(PushChannels.Found channel) =>
        channel.Setting(channel.Kind == ChannelKind.Instagram ? InstagramConnector.Field : FacebookConnector.Field);
}

public sealed class FacebookConnector : MetaConnector
{
    public const string Field = "page_id";
    public override ChannelKind Kind => ChannelKind.Facebook;
    public override string AccountField => Field;
}

public sealed class InstagramConnector : MetaConnector
{
    public const string Field = "account_id";
    public override ChannelKind Kind => ChannelKind.Instagram;
    public override string AccountField => Field;
}
