using Earshot.Connectors.Bluesky;
using Earshot.Connectors.Email;
using Earshot.Connectors.Facebook;
using Earshot.Connectors.Intake;
using Earshot.Connectors.Mastodon;
using Earshot.Connectors.Push;
using Earshot.Connectors.Reddit;
using Earshot.Connectors.Replies;
using Earshot.Connectors.Rss;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Connectors.WebChat;
using Earshot.Connectors.X;
using Earshot.Core.Posts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Earshot.Connectors;

public static class ConnectorServices
{
    /// <summary>
    /// Every network: its connector (how it is heard), its reply sender (how it is answered) and their HTTP clients.
    /// The host that runs connectors and the store they write to are the engine's (<see cref="IChannelIngest"/>).
    /// </summary>
    public static IServiceCollection AddEarshotConnectors(this IServiceCollection services)
    {
        // Every client below, and any added later, connects through the guard (OutboundHttp); the guard's answer
        // timeout (30 s) comes before the clients' own, which bound reading a body.
        services.AddEarshotOutbound();
        services.AddHttpClient(RssConnector.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(60);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Earshot/1.0 (+https://github.com/earshot; feed reader)");
        });
        services.AddHttpClient(MastodonConnector.HttpClientName, client =>
        {
            // Streams stay open; the connector's own stall timer decides when one is dead.
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Earshot/1.0");
        });
        services.AddHttpClient(RedditConnector.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(60);
            // Reddit asks every client for a unique, descriptive User-Agent.
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", RedditReplies.UserAgent);
        });
        services.AddHttpClient(XConnector.HttpClientName, client =>
        {
            client.Timeout = Timeout.InfiniteTimeSpan; // the filtered stream stays open; the connector watches for stalls
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Earshot/1.0");
        });
        services.AddHttpClient(FacebookReplies.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(60);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Earshot/1.0");
        });
        services.AddHttpClient(OutboundReplySettings.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(60);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Earshot/1.0");
        });

        // Jetstream's WebSocket handshake goes through the same guarded handler.
        services.AddHttpClient(BlueskyConnector.HttpClientName);

        services.AddSingleton<IChannelConnector, XConnector>();
        services.AddSingleton<IChannelConnector, BlueskyConnector>();
        services.AddSingleton<IChannelConnector, RedditConnector>();
        services.AddSingleton<IChannelConnector, MastodonConnector>();
        services.AddSingleton<IChannelConnector, RssConnector>();
        services.AddSingleton<IChannelConnector, IntakeConnector>();
        services.AddSingleton<IChannelConnector, FacebookConnector>();
        services.AddSingleton<IChannelConnector, InstagramConnector>();
        services.AddSingleton<IChannelConnector, EmailConnector>();
        services.AddSingleton<IChannelConnector, WebChatConnector>();

        // Push channels: their endpoints store what the network sends (PushReceipts) and a worker applies it later.
        services.AddSingleton<PushChannels>();
        services.AddSingleton<PushReceipts>();
        services.TryAddSingleton(new MetaPushOptions());
        services.AddSingleton<MetaPushProcessor>();
        services.AddHostedService<MetaPushWorker>();

        services.TryAddSingleton(new FacebookRepliesOptions());
        services.AddSingleton<FacebookReplies>();
        services.AddSingleton<EmailReplies>();
        services.AddSingleton<IReplySender>(sp => sp.GetRequiredService<EmailReplies>());
        services.AddSingleton<IReplySender>(sp => ActivatorUtilities.CreateInstance<MetaReplySender>(sp, ChannelKind.Facebook));
        services.AddSingleton<IReplySender>(sp => ActivatorUtilities.CreateInstance<MetaReplySender>(sp, ChannelKind.Instagram));
        services.AddSingleton<IReplySender, MastodonReplies>();
        services.AddSingleton<IReplySender, BlueskyReplies>();
        services.AddSingleton<IReplySender, XReplies>();
        services.AddSingleton<IReplySender, RedditReplies>();
        services.AddSingleton<IReplySender, WebChatReplies>();
        return services;
    }
}
