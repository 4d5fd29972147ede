using Earshot.Core.Pipeline;
using Earshot.Engine.Pipeline;

namespace Earshot.Engine.Alerts;

/// <summary>
/// Counts classified posts for live spike detection, right after classification, so the post that tips a spike
/// opens its alert in the same batch. Safe to repeat: the counts live in memory and are rebuilt at start-up only
/// from posts past this step, so a post re-run after a crash is counted once.
/// </summary>
public sealed class AlertStage(AlertMonitor monitor) : IPipelineStage
{
    public PipelineStep Step => PipelineStep.Detected;

    public Task ProcessAsync(IReadOnlyList<Guid> postIds, CancellationToken cancellationToken) =>
        monitor.ObserveAsync(postIds, cancellationToken);
}
