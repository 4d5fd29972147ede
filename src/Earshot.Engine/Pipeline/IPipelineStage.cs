using Earshot.Core.Pipeline;

namespace Earshot.Engine.Pipeline;

/// <summary>
/// One step every stored post goes through (match topics, classify, open a case, publish). A stage must be safe to
/// run twice on the same post: after a crash the runner repeats any step whose completion was not recorded.
/// </summary>
public interface IPipelineStage
{
    /// <summary>The step this stage completes; stages run in ascending order.</summary>
    PipelineStep Step { get; }

    /// <summary>Does the step's work for a batch of posts (all stored, all before <see cref="Step"/>).</summary>
    Task ProcessAsync(IReadOnlyList<Guid> postIds, CancellationToken cancellationToken);
}
