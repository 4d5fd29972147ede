using Earshot.Channels.Pipeline;
using Earshot.Channels.Topics;
using Earshot.Channels.Workspaces;
using Earshot.Core.Understanding;
using Earshot.Storage.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.Channels;

public static class PipelineServices
{
    public static IServiceCollection AddEarshotPipeline(this IServiceCollection services, PipelineOptions? options = null)
    {
        services.AddSingleton(options ?? new PipelineOptions());
        services.AddSingleton<PipelineSignal>();
        services.AddSingleton<EventBus>();
        services.AddSingleton<WorkspaceDirectory>();
        services.AddSingleton<Func<PostWriter>>(sp => () => sp.GetRequiredService<PostWriter>());
        services.AddSingleton<IngestService>();
        services.AddSingleton<TopicIndex>();
        services.AddSingleton<IPipelineStage, MatchStage>();
        services.AddSingleton<IPostClassifier, BuiltInClassifier>();
        services.AddSingleton<IPipelineStage, ClassifyStage>();
        services.AddSingleton<IPipelineStage, PublishStage>();
        services.AddSingleton<PipelineRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<PipelineRunner>());
        return services;
    }
}
