using Earshot.Core.Alerts;
using Earshot.Core.Alerts.Detection;
using Earshot.Core.Alerts.Live;
using Earshot.Core.Pipeline;

namespace Earshot.Engine.Alerts;

public sealed partial class AlertMonitor
{
    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
            return;
        await RefreshTopicsAsync(cancellationToken);
        await RebuildAsync(null, cancellationToken);
        _loaded = true;
    }

    /// <summary>
    /// Replays the stored posts of the baseline window (only those this stage already counted: the rest are still
    /// coming through the pipeline) in time order, then squares the stored open alerts with what the replay says is
    /// open: an incident that ended while Earshot was down is closed, one that began is opened. Nothing is lost
    /// or announced twice.
    /// </summary>
    private async Task RebuildAsync(Guid? topicId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var from = now - options.RebuildWindow;
        var posts = 0;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var rows = Rows(db, topicId: topicId, since: from, minimumStage: (int)PipelineStep.Detected).AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                Add(row, now);
                posts++;
            }
        }
        // The replay's own events are history, already stored and announced.
        foreach (var watch in _watches.Values.Where(w => topicId == null || w.TopicId == topicId))
            watch.Advance(Watermark(watch, now));
        // Replayed history is complete: until new posts arrive, the rebuilt topics follow the clock.
        foreach (var id in _lastAdded.Keys.Where(id => topicId == null || id == topicId).ToList())
            _lastAdded[id] = DateTime.MinValue;
        await ReconcileAsync(topicId, now, cancellationToken);
        LogRebuilt(logger, posts, topicId is null ? _watches.Count : 1);
    }

    private async Task ReconcileAsync(Guid? topicId, DateTime now, CancellationToken cancellationToken)
    {
        List<Alert> stored;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            stored = await db.Alerts.AsNoTracking()
                .Where(a => a.Status == AlertStatus.Open && a.TopicId != null && (topicId == null || a.TopicId == topicId))
                .ToListAsync(cancellationToken);
        }
        var changes = new List<AlertChange>();
        var live = _watches.Values.Where(w => topicId == null || w.TopicId == topicId).SelectMany(w => w.OpenAlerts(now)).ToList();
        foreach (var alert in stored)
        {
            if (live.Any(c => c.TopicId == alert.TopicId && c.Kind.Name() == alert.Kind))
                continue;
            if (!Enum.GetValues<DetectionKind>().Any(k => k.Name() == alert.Kind))
                continue;
            var kind = Enum.GetValues<DetectionKind>().First(k => k.Name() == alert.Kind);
            changes.Add(new AlertChange(alert.TopicId!.Value, kind, DetectionPhase.Closed, alert.StartedAt, now, alert.Count, 0, 0, 0, 0,
                [], [], false, "subsided while Earshot was not running"));
        }
        // Incidents still open and already stored carry on silently; only those that began while down are new.
        changes.AddRange(live.Where(c => !stored.Any(a => a.TopicId == c.TopicId && a.Kind == c.Kind.Name())));
        await SaveAsync(changes, cancellationToken);
    }
}
