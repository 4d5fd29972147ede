using Earshot.Connectors.Facebook;
using Earshot.Connectors.Intake;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Setup;

// Channels that push to us: the signed intake webhook and Meta's webhooks for Facebook Pages and Instagram accounts.
public static partial class ChannelSetups
{
    private static ChannelSetup Intake => new(ChannelKind.Intake, "Signed intake webhook", "Receive posts pushed by other systems to a signed webhook (see src/Earshot.Engine/Connectors/Intake/README.md)",
    [
        new("secret", "--secret", "Signing secret", $"The shared signing secret, at least {IntakeConnector.MinSecretLength} characters (stored encrypted, never shown again)") { Required = true, Secret = true },
    ])
    {
        // The name is the webhook's address (POST /api/intake/NAME), so it is chosen, never made up.
        NameHelp = "The channel's name, used in the URL: POST /api/intake/NAME",
        NamePosition = 0,
    };

    // Facebook Pages and Instagram accounts take the same settings; only the account id's name differs.
    private static ChannelSetup Meta(ChannelKind kind)
    {
        var facebook = kind == ChannelKind.Facebook;
        var account = facebook
            ? new ChannelSetting(FacebookConnector.Field, "--page-id", "Page id", "The Page's numeric id (entry[].id in deliveries)") { Required = true }
            : new ChannelSetting(InstagramConnector.Field, "--account-id", "Account id", "The Instagram professional account's id (entry[].id in deliveries)") { Required = true };
        return new ChannelSetup(kind, facebook ? "Facebook Page" : "Instagram account", facebook
            ? "Receive a Facebook Page's posts and comments from Meta webhooks at /api/webhooks/facebook"
            : "Receive an Instagram account's comments from Meta webhooks at /api/webhooks/facebook",
        [
            account,
            new("app_secret", "--app-secret", "App secret", "The Meta app's secret, which signs deliveries (stored encrypted)") { Required = true, Secret = true },
            new("verify_token", "--verify-token", "Verify token", "The token you enter in the app's webhook settings (stored encrypted)") { Required = true, Secret = true },
            facebook
                ? new("access_token", "--page-token", "Page access token", "A Page access token for replies (stored encrypted)") { Required = true, Secret = true }
                : new("access_token", "--access-token", "Access token", "An access token for replies (stored encrypted)") { Required = true, Secret = true },
            new("base_url", "--base-url", "Graph API URL", "The Graph API", SettingType.Url) { Default = MetaConnector.DefaultGraphUrl },
        ])
        {
            NameHelp = $"The channel's name (default: {kind.WireName()} ID)",
            DefaultName = s => $"{kind.WireName()} {(s.TryGetValue(account.Key, out var id) ? id.GetString() : null)}",
        };
    }
}
