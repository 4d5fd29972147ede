using Earshot.Engine.Alerts;
using Earshot.Engine.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.Engine.Pipeline;

/// <summary>
/// The whole flow of a post, in order. Every post enters through <see cref="IngestService"/> (the API, importers and
/// connectors all call it), is stored once, and then <see cref="PipelineRunner"/> takes it through these stages,
/// recording each completed step on the post so that a crash resumes where it stopped.
/// </summary>
public static class PipelineStages
{
    public static IServiceCollection AddEarshotPipelineStages(this IServiceCollection services)
    {
        // Matched: which listening topics the post belongs to (Topics/TopicIndex holds the compiled queries).
        services.AddSingleton<IPipelineStage, MatchStage>();
        // Classified: sentiment, intent, severity, aspects and language, with their reasons (Learning/ may override the built-in model).
        services.AddSingleton<ClassifyStage>();
        services.AddSingleton<IPipelineStage>(sp => sp.GetRequiredService<ClassifyStage>());
        // Detected: counted by the live spike detector, so the post that tips a spike opens its alert in the same batch.
        services.AddSingleton<IPipelineStage, AlertStage>();
        // Cased: an actionable post opens a case or joins its customer's open one, routed to a team, its SLA started.
        services.AddSingleton<IPipelineStage, CaseStage>();
        // Published: live pages hear that the posts are ready to show.
        services.AddSingleton<IPipelineStage, PublishStage>();
        return services;
    }
}
