using Earshot.Core.Pipeline;
using Earshot.Engine.Pipeline;
using Earshot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.Engine.Tests.Pipeline;

public sealed class PipelineStagesTests
{
    [Fact]
    public void Stages_AreRegisteredInTheOrderPostsGoThroughThem_OnePerStep()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddEarshotStorage(new DatabaseTarget(DatabaseProvider.Sqlite, "Data Source=" + Path.Combine(Path.GetTempPath(), "never-opened.db")))
            .AddEarshotEngine(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        var steps = provider.GetServices<IPipelineStage>().Select(s => s.Step).ToList();

        // PipelineStages.cs is read as the flow itself, so its order must be the order the runner uses.
        Assert.Equal(
            [PipelineStep.Matched, PipelineStep.Classified, PipelineStep.Detected, PipelineStep.Cased, PipelineStep.Published],
            steps);
    }
}
