using System.CommandLine;
using Earshot.Channels.Connectors.Email;
using Earshot.Channels.Connectors.Facebook;
using Earshot.Channels.Connectors.WebChat;
using Earshot.Core.Posts;
using Earshot.Storage;

namespace Earshot.Cli;

// Channels the brand owns or that push to us: the signed intake webhook, Facebook Pages and Instagram accounts
// (Meta webhooks), support mailboxes and the web chat widget.
internal static partial class ChannelsCommand
{
    private static Command AddEmail()
    {
        var imap = new Option<string>("--imap") { Description = "The IMAP server: imaps://host[:port] (or imap:// with STARTTLS when offered)", Required = true };
        var smtp = new Option<string>("--smtp") { Description = "The SMTP server for replies: smtps://host[:port] or smtp://host[:port]", Required = true };
        var username = new Option<string>("--username") { Description = "The mailbox's user name", Required = true };
        var password = new Option<string>("--password") { Description = "The mailbox's password or app password (stored encrypted, never shown again)", Required = true };
        var address = new Option<string?>("--address") { Description = "Our e-mail address, when the user name is not one" };
        var folder = new Option<string>("--folder") { Description = "The folder to read", DefaultValueFactory = _ => "INBOX" };
        var interval = new Option<int>("--interval") { Description = "Seconds between polls, or the longest IDLE", DefaultValueFactory = _ => EmailAccount.DefaultIntervalSeconds };
        var name = new Option<string?>("--name") { Description = "The channel's name (default: the address)" };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var email = new Command("email", "Read a support mailbox over IMAP (IDLE when offered) and reply over SMTP")
        {
            imap, smtp, username, password, address, folder, interval, name, workspace, db,
        };
        email.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Dictionary<string, object?>
            {
                ["imap_url"] = parse.GetValue(imap), ["smtp_url"] = parse.GetValue(smtp),
                ["username"] = parse.GetValue(username), ["password"] = parse.GetValue(password),
                ["folder"] = parse.GetValue(folder), ["interval_seconds"] = parse.GetValue(interval),
            };
            if (parse.GetValue(address) is { } own)
                settings["address"] = own;
            return await AddAsync(DatabaseTarget.Parse(parse.GetValue(db)), parse.GetValue(workspace), ChannelKind.Email,
                parse.GetValue(name) ?? parse.GetValue(address) ?? parse.GetValue(username)!, settings, cancellationToken);
        });
        return email;
    }

    // Facebook Pages and Instagram accounts take the same settings; only the account id's name differs.
    private static Command AddMeta(ChannelKind kind)
    {
        var facebook = kind == ChannelKind.Facebook;
        var account = facebook
            ? new Option<string>("--page-id") { Description = "The Page's numeric id (entry[].id in deliveries)", Required = true }
            : new Option<string>("--account-id") { Description = "The Instagram professional account's id (entry[].id in deliveries)", Required = true };
        var appSecret = new Option<string>("--app-secret") { Description = "The Meta app's secret, which signs deliveries (stored encrypted)", Required = true };
        var verifyToken = new Option<string>("--verify-token") { Description = "The token you enter in the app's webhook settings (stored encrypted)", Required = true };
        var token = facebook
            ? new Option<string>("--page-token") { Description = "A Page access token for replies (stored encrypted)", Required = true }
            : new Option<string>("--access-token") { Description = "An access token for replies (stored encrypted)", Required = true };
        var url = new Option<string>("--base-url") { Description = "The Graph API", DefaultValueFactory = _ => MetaConnector.DefaultGraphUrl };
        var name = new Option<string?>("--name") { Description = $"The channel's name (default: {kind.WireName()} ID)" };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var command = new Command(kind.WireName(), facebook
            ? "Receive a Facebook Page's posts and comments from Meta webhooks at /api/webhooks/facebook"
            : "Receive an Instagram account's comments from Meta webhooks at /api/webhooks/facebook")
        {
            account, appSecret, verifyToken, token, url, name, workspace, db,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Dictionary<string, object?>
            {
                [facebook ? FacebookConnector.Field : InstagramConnector.Field] = parse.GetValue(account),
                ["app_secret"] = parse.GetValue(appSecret), ["verify_token"] = parse.GetValue(verifyToken),
                ["access_token"] = parse.GetValue(token), ["base_url"] = parse.GetValue(url),
            };
            return await AddAsync(DatabaseTarget.Parse(parse.GetValue(db)), parse.GetValue(workspace), kind,
                parse.GetValue(name) ?? $"{kind.WireName()} {parse.GetValue(account)}", settings, cancellationToken);
        });
        return command;
    }

    private static Command AddIntake()
    {
        var name = new Option<string>("--name") { Description = "The channel's name, used in the URL: POST /api/intake/NAME", Required = true };
        var secret = new Option<string>("--secret") { Description = "The shared signing secret, at least 16 characters (stored encrypted, never shown again)", Required = true };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var intake = new Command("intake", "Receive posts pushed by other systems to a signed webhook (see src/Earshot.Channels/Connectors/Intake/README.md)") { name, secret, workspace, db };
        intake.SetAction(async (parse, cancellationToken) =>
            await AddAsync(DatabaseTarget.Parse(parse.GetValue(db)), parse.GetValue(workspace), ChannelKind.Intake,
                parse.GetValue(name)!, new Dictionary<string, object?> { ["secret"] = parse.GetValue(secret) }, cancellationToken));
        return intake;
    }

    private static Command AddWebChat()
    {
        var origin = new Option<string[]>("--origin")
        {
            Description = "A site that embeds the widget, as scheme://host[:port] (repeat for several)", Required = true, Arity = ArgumentArity.OneOrMore,
        };
        var secret = new Option<string?>("--secret") { Description = "The secret that signs visitor tokens, at least 32 characters (default: a new random one, shown once; stored encrypted)" };
        var name = new Option<string?>("--name") { Description = "The channel's name (default: webchat: the first site's host)" };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var webchat = new Command("webchat", "A chat widget for the brand's own site: visitors' messages become posts and cases, agents answer live (see src/Earshot.Channels/Connectors/WebChat/README.md)")
        {
            origin, secret, name, workspace, db,
        };
        webchat.SetAction(async (parse, cancellationToken) =>
        {
            var origins = parse.GetValue(origin)!;
            var generated = parse.GetValue(secret) is null;
            var key = parse.GetValue(secret) ?? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            var settings = new Dictionary<string, object?> { ["origins"] = origins.Select(o => WebChatOrigins.Normalize(o) ?? o).ToArray(), ["secret"] = key };
            var host = Uri.TryCreate(origins.FirstOrDefault(), UriKind.Absolute, out var uri) ? uri.Host : origins.FirstOrDefault();
            var channel = await AddChannelAsync(DatabaseTarget.Parse(parse.GetValue(db)), parse.GetValue(workspace), ChannelKind.WebChat,
                parse.GetValue(name) ?? "webchat: " + host, settings, cancellationToken);
            if (channel is null)
                return EarshotCli.BadInput;
            Console.WriteLine("Put this on the brand's pages (EARSHOT is the address your Earshot server is reached at):");
            Console.WriteLine($"  <script src=\"https://EARSHOT/webchat/{channel.Id}/widget.js\" async></script>");
            if (generated)
                Console.WriteLine($"Visitor-token signing secret (shown only now; the brand's server signs signed-in customers with it): {key}");
            return EarshotCli.Ok;
        });
        return webchat;
    }
}
