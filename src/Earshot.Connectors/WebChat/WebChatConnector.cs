using Earshot.Core.Wording;
using System.Text.Json;
using Earshot.Core.Posts;

namespace Earshot.Connectors.WebChat;

/// <summary>
/// A chat widget on the brand's own site (`&lt;script src=".../webchat/{channel}/widget.js"&gt;`). Visitors push their
/// messages to us, so nothing runs on a schedule; this connector checks the settings: the sites allowed to embed the
/// widget and the secret that signs visitor and session tokens (encrypted at rest).
/// </summary>
public sealed class WebChatConnector : IChannelConnector
{
    public const int MinSecretLength = 32;

    public ChannelKind Kind => ChannelKind.WebChat;

    public bool IsPush => true;

    public IReadOnlyList<string> SecretFields => ["secret"];

    public IReadOnlyDictionary<string, Phrase> Validate(JsonElement settings)
    {
        var errors = new Dictionary<string, Phrase>();
        if (!settings.TryGetProperty("origins", out var origins) || origins.ValueKind != JsonValueKind.Array || origins.GetArrayLength() == 0)
            errors["origins"] = new Phrase("give at least one site that embeds the widget, e.g. --origin https://brand.example");
        else if (origins.EnumerateArray().FirstOrDefault(o => o.ValueKind != JsonValueKind.String || WebChatOrigins.Normalize(o.GetString()) is null) is { ValueKind: not JsonValueKind.Undefined } bad)
            errors["origins"] = new Phrase("'{0}' is not an origin: write scheme and host (and port), like https://brand.example, with no path", bad);
        if (!settings.TryGetProperty("secret", out var secret) || secret.ValueKind != JsonValueKind.String || secret.GetString()!.Length < MinSecretLength)
            errors["secret"] = new Phrase("a signing secret of at least {0} characters is required", MinSecretLength);
        return errors;
    }

    public Task<ConnectorRun> RunOnceAsync(ConnectorContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Web chat channels receive messages from visitors; they are never run.");
}

/// <summary>Origins as browsers send them in the Origin header: scheme://host[:port], lower case, default ports left out.</summary>
public static class WebChatOrigins
{
    public static string? Normalize(string? origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.PathAndQuery != "/" || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            return null;
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    public static IReadOnlyList<string> Of(JsonElement settings) =>
        settings.TryGetProperty("origins", out var origins) && origins.ValueKind == JsonValueKind.Array
            ? origins.EnumerateArray().Select(o => Normalize(o.GetString())).OfType<string>().ToList()
            : [];

    /// <summary>Whether a request's Origin header names one of the channel's sites (a missing header never does).</summary>
    public static bool Allows(JsonElement settings, string? originHeader) =>
        Normalize(originHeader) is { } origin && Of(settings).Contains(origin, StringComparer.Ordinal);
}
