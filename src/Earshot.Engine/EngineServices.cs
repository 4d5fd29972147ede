using Earshot.Connectors;
using Earshot.Engine.Alerts;
using Earshot.Engine.Cases;
using Earshot.Engine.Channels;
using Earshot.Engine.Learning;
using Earshot.Engine.Pipeline;
using Earshot.Engine.Topics;
using Earshot.Engine.Workspaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Earshot.Engine;

public static class EngineServices
{
    /// <summary>
    /// Everything that moves: the connectors and the host that runs them, ingest, the pipeline's stages
    /// (<see cref="PipelineStages"/> lists them in order), cases, alerts and learning.
    /// </summary>
    public static IServiceCollection AddEarshotEngine(this IServiceCollection services, IConfiguration configuration, PipelineOptions? options = null)
    {
        services.AddEarshotConnectors();
        services.TryAddSingleton(new ConnectorHostOptions());
        services.AddSingleton<ChannelRegistry>();
        services.AddSingleton<WebChatConversations>();
        services.AddSingleton<ConnectorHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ConnectorHost>());

        services.AddSingleton(options ?? new PipelineOptions());
        services.AddSingleton<WorkspaceDirectory>();
        services.AddSingleton<Audit.AuditLog>();
        services.AddSingleton<PipelineSignal>();
        services.AddSingleton<EventBus>();
        services.AddSingleton<IngestService>();
        services.AddSingleton<IChannelIngest>(sp => sp.GetRequiredService<IngestService>());
        services.AddSingleton<TopicIndex>();
        services.AddEarshotLearning();
        services.AddEarshotCases();
        services.AddEarshotAlerts(configuration);
        services.AddEarshotPipelineStages();
        services.AddSingleton<PipelineRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<PipelineRunner>());
        services.AddSingleton<Insights.RollupRebuildWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Insights.RollupRebuildWorker>());
        return services;
    }

    private static IServiceCollection AddEarshotCases(this IServiceCollection services)
    {
        services.AddSingleton<CaseSettings>();
        services.AddSingleton<CaseAssigner>();
        services.AddSingleton<CaseQueue>();
        services.AddSingleton<CaseWork>();
        services.AddSingleton<CaseCounts>();
        services.AddSingleton<CasePages>();
        services.AddSingleton<CaseBulk>();
        services.TryAddSingleton(new SlaWatcherOptions());
        services.AddSingleton<SlaWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaWatcher>());
        return services;
    }
}
