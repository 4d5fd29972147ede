using Earshot.Connectors.Shared.Outbound;

namespace Earshot.Api;

/// <summary>`allow_private_network` on the requests that add something Earshot will reach out to (channels, webhooks).</summary>
internal static class PrivateNetworkApi
{
    public static readonly Phrase AdminOnly = new Phrase("only an admin may allow Earshot to reach a private network address");

    /// <summary>The caller's consent when they asked for it (the endpoint has already refused anyone but an admin).</summary>
    public static PrivateNetworkConsent? Consent(bool? allow, AccessScope scope, string via) =>
        allow == true && scope.IsAdmin ? new PrivateNetworkConsent(scope.UserId, via) : null;
}
