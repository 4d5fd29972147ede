using Earshot.Core.Understanding;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.Engine.Learning;

public static class LearningServices
{
    /// <summary>The classifier (built-in, overridden by promoted trained models), re-classification and nightly retraining.</summary>
    public static IServiceCollection AddEarshotLearning(this IServiceCollection services)
    {
        services.AddSingleton(new LearningOptions());
        services.AddSingleton<ActiveModels>();
        services.AddSingleton<IPostClassifier, LearnedClassifier>();
        services.AddSingleton<ReclassifyWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ReclassifyWorker>());
        services.AddSingleton<NightlyRetrain>();
        services.AddHostedService(sp => sp.GetRequiredService<NightlyRetrain>());
        return services;
    }
}
