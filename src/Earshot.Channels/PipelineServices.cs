using Earshot.Channels.Learning;
using Earshot.Channels.Pipeline;
using Earshot.Channels.Topics;
using Earshot.Channels.Workspaces;
using Earshot.Core.Understanding;
using Earshot.Storage.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Earshot.Channels;

public static class PipelineServices
{
    /// <summary>Channel connectors and the host that runs them.</summary>
    public static IServiceCollection AddEarshotConnectors(this IServiceCollection services)
    {
        services.AddHttpClient(Connectors.Rss.RssConnector.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(30);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Earshot/1.0 (+https://github.com/earshot; feed reader)");
        });
        services.AddHttpClient(Connectors.Mastodon.MastodonConnector.HttpClientName, client =>
        {
            // Streams stay open; the connector's own stall timer decides when one is dead.
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Earshot/1.0");
        });
        services.AddHttpClient(Connectors.Reddit.RedditConnector.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(30);
            // Reddit asks every client for a unique, descriptive User-Agent.
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", Connectors.Reddit.RedditReplies.UserAgent);
        });
        services.AddHttpClient(Connectors.X.XConnector.HttpClientName, client =>
        {
            client.Timeout = Timeout.InfiniteTimeSpan; // the filtered stream stays open; the connector watches for stalls
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Earshot/1.0");
        });
        services.TryAddSingleton(new Connectors.ConnectorHostOptions());
        services.AddSingleton<Connectors.IChannelConnector, Connectors.X.XConnector>();
        services.AddSingleton<Connectors.IChannelConnector, Connectors.Bluesky.BlueskyConnector>();
        services.AddSingleton<Connectors.IChannelConnector, Connectors.Reddit.RedditConnector>();
        services.AddSingleton<Connectors.IChannelConnector, Connectors.Mastodon.MastodonConnector>();
        services.AddSingleton<Connectors.IChannelConnector, Connectors.Rss.RssConnector>();
        services.AddSingleton<Connectors.IChannelConnector, Connectors.Intake.IntakeConnector>();
        services.AddSingleton<Connectors.IChannelConnector, Connectors.Facebook.FacebookConnector>();
        services.AddSingleton<Connectors.IChannelConnector, Connectors.Facebook.InstagramConnector>();
        services.AddSingleton<Connectors.WebhookInbox>();
        services.TryAddSingleton(new Connectors.Facebook.MetaWebhookOptions());
        services.AddSingleton<Connectors.Facebook.MetaDeliveryProcessor>();
        services.AddHostedService<Connectors.Facebook.MetaWebhookWorker>();
        services.AddHttpClient(Connectors.Facebook.FacebookReplies.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(30);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Earshot/1.0");
        });
        services.TryAddSingleton(new Connectors.Facebook.FacebookRepliesOptions());
        services.AddSingleton<Connectors.Facebook.FacebookReplies>();
        services.AddSingleton<Connectors.IChannelConnector, Connectors.Email.EmailConnector>();
        services.AddSingleton<Connectors.Email.EmailReplies>();
        services.AddSingleton<Cases.IReplySender, Cases.EmailReplySender>();
        services.AddSingleton<Cases.IReplySender>(sp => ActivatorUtilities.CreateInstance<Cases.MetaReplySender>(sp, Core.Posts.ChannelKind.Facebook));
        services.AddSingleton<Cases.IReplySender>(sp => ActivatorUtilities.CreateInstance<Cases.MetaReplySender>(sp, Core.Posts.ChannelKind.Instagram));
        services.AddHttpClient(Cases.OutboundReplySettings.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(30);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Earshot/1.0");
        });
        services.AddSingleton<Cases.IReplySender, Connectors.Mastodon.MastodonReplies>();
        services.AddSingleton<Cases.IReplySender, Connectors.Bluesky.BlueskyReplies>();
        services.AddSingleton<Cases.IReplySender, Connectors.X.XReplies>();
        services.AddSingleton<Cases.IReplySender, Connectors.Reddit.RedditReplies>();
        services.AddSingleton<Connectors.IChannelConnector, Connectors.WebChat.WebChatConnector>();
        services.AddSingleton<Connectors.WebChat.WebChatConversations>();
        services.AddSingleton<Cases.IReplySender, Connectors.WebChat.WebChatReplySender>();
        services.AddSingleton<Connectors.ChannelRegistry>();
        services.AddSingleton<Connectors.PushChannels>();
        services.AddSingleton<Connectors.ConnectorHost>();
        services.AddHostedService(sp => sp.GetRequiredService<Connectors.ConnectorHost>());
        return services;
    }

    public static IServiceCollection AddEarshotPipeline(this IServiceCollection services, PipelineOptions? options = null)
    {
        services.AddSingleton(options ?? new PipelineOptions());
        services.AddSingleton<PipelineSignal>();
        services.AddSingleton<EventBus>();
        services.AddSingleton<WorkspaceDirectory>();
        services.AddSingleton<IngestService>();
        services.AddSingleton<TopicIndex>();
        services.AddSingleton<IPipelineStage, MatchStage>();
        services.AddEarshotLearning();
        services.AddSingleton<ClassifyStage>();
        services.AddSingleton<IPipelineStage>(sp => sp.GetRequiredService<ClassifyStage>());
        services.AddSingleton<Cases.CaseSettings>();
        services.AddSingleton<Cases.CaseAssigner>();
        services.AddSingleton<IPipelineStage, Cases.CaseStage>();
        services.AddSingleton<Cases.CaseQueue>();
        services.AddSingleton<Cases.CaseWork>();
        services.AddSingleton<Cases.SlaWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Cases.SlaWatcher>());
        services.AddSingleton<IPipelineStage, PublishStage>();
        services.AddSingleton<PipelineRunner>();
        services.AddEarshotConnectors();
        services.AddHostedService(sp => sp.GetRequiredService<PipelineRunner>());
        return services;
    }
}
