using Earshot.Core.Alerts.Detection;
using Earshot.Core.Alerts.Live;
using Earshot.Core.Understanding;
using Microsoft.Extensions.Logging;

namespace Earshot.Engine.Alerts;

/// <summary>
/// Live detection for every topic: one <see cref="TopicWatch"/> per topic, fed by <see cref="AlertStage"/> as posts
/// are classified and advanced by <see cref="AlertTicker"/> when they are not. Changes go to <see cref="AlertWriter"/>.
/// One gate serialises both, so a watch is never touched by two threads.
/// </summary>
public sealed partial class AlertMonitor(
    IDbContextFactory<EarshotDbContext> contexts, AlertWriter writer, TimeProvider clock, AlertOptions options, ILogger<AlertMonitor> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<Guid, TopicWatch> _watches = [];
    private readonly Dictionary<Guid, DateTime> _lastAdded = [];
    private readonly List<AlertChange> _unsaved = [];
    /// <summary>One scratch detector per sensitivity, shared by the watches: the gate means one is used at a time.</summary>
    private readonly Dictionary<Sensitivity, SpikeDetector> _scratch = [];
    private Dictionary<Guid, AlertTopic> _topics = [];
    private bool _loaded;

    /// <summary>Counts newly classified posts on their topics and acts on what that changes.</summary>
    public async Task ObserveAsync(IReadOnlyList<Guid> postIds, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
            List<Row> rows;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                rows = await Rows(db, postIds).ToListAsync(cancellationToken);
            if (rows.Any(r => !_topics.ContainsKey(r.TopicId)))
                await RefreshTopicsAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var touched = new HashSet<TopicWatch>();
            foreach (var row in rows)
            {
                if (Add(row, now) is { } watch)
                    touched.Add(watch);
            }
            await SaveAsync(touched.SelectMany(w => w.Advance(Watermark(w, now))), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Moves every topic on with the clock: closes alerts that subsided, notices silence, picks up topic changes.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
            await RefreshTopicsAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            await SaveAsync(_watches.Values.SelectMany(w => w.Advance(Watermark(w, now))), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stores changes, keeping them for the next call if that fails: the posts are already counted, so failing the
    /// pipeline batch would count them twice on its retry, and dropping the changes would lose an alert.
    /// </summary>
    private async Task SaveAsync(IEnumerable<AlertChange> changes, CancellationToken cancellationToken)
    {
        _unsaved.AddRange(changes);
        if (_unsaved.Count == 0)
            return;
        try
        {
            await writer.ApplyAsync(_unsaved, _topics, cancellationToken);
            _unsaved.Clear();
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSaveFailed(logger, _unsaved.Count, error);
        }
    }

    private TopicWatch? Add(Row row, DateTime now)
    {
        if (!_topics.TryGetValue(row.TopicId, out var topic))
            return null;
        // History older than the baseline window teaches nothing; a time ahead of the clock would finalise real minutes early.
        if (row.CreatedAt < now - options.RebuildWindow)
            return null;
        if (!_watches.TryGetValue(row.TopicId, out var watch))
        {
            var watchOptions = options.For(topic.Sensitivity);
            if (!_scratch.TryGetValue(topic.Sensitivity, out var scratch))
                _scratch[topic.Sensitivity] = scratch = new SpikeDetector(watchOptions.Detector);
            _watches[row.TopicId] = watch = new TopicWatch(row.TopicId, watchOptions, scratch);
        }
        var createdAt = row.CreatedAt > now ? now : row.CreatedAt;
        watch.Add(new WatchedPost(row.PostId, createdAt, row.Negative, row.Complaint, row.Text));
        _lastAdded[row.TopicId] = now;
        return watch;
    }

    /// <summary>
    /// Everything before this time has arrived: the newest post's time (less the lateness) while posts flow, the
    /// clock (less <see cref="AlertOptions.ClockLag"/>) once the topic has been quiet, whichever is later.
    /// </summary>
    private DateTime Watermark(TopicWatch watch, DateTime now)
    {
        var byPosts = (watch.LatestSeen ?? DateTime.MinValue + options.Watch.Lateness) - options.Watch.Lateness;
        var idle = !_lastAdded.TryGetValue(watch.TopicId, out var last) || now - last >= options.IdleAfter;
        var byClock = now - options.ClockLag;
        return idle && byClock > byPosts ? byClock : byPosts;
    }

    private async Task RefreshTopicsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var topics = await db.Topics.AsNoTracking()
            .Select(t => new AlertTopic(t.Id, t.WorkspaceId, t.Name, t.TeamId, t.Sensitivity))
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        var changed = _watches.Keys.Where(id => !topics.TryGetValue(id, out var t) || t.Sensitivity != _topics[id].Sensitivity).ToList();
        _topics = topics;
        foreach (var id in changed)
        {
            _watches.Remove(id);
            _lastAdded.Remove(id);
            // A new sensitivity needs a detector with the new thresholds, taught the same history.
            if (topics.ContainsKey(id))
                await RebuildAsync(id, cancellationToken);
        }
    }

    /// <summary>A post on a topic, with what the detector counts.</summary>
    private sealed record Row(Guid TopicId, Guid PostId, DateTime CreatedAt, bool Negative, bool Complaint, string Text);

    /// <summary>Filters go on the tables: EF cannot translate a filter on the projected record.</summary>
    private static IQueryable<Row> Rows(
        EarshotDbContext db, IReadOnlyList<Guid>? postIds = null, Guid? topicId = null, DateTime? since = null, int minimumStage = 0)
    {
        var matches = db.TopicMatches.AsQueryable();
        if (postIds is not null)
            matches = matches.Where(m => postIds.Contains(m.PostId));
        if (topicId is not null)
            matches = matches.Where(m => m.TopicId == topicId);
        var posts = db.Posts.Where(p => !p.IsBrand && !p.IsDeleted && p.Stage >= minimumStage);
        if (since is not null)
            posts = posts.Where(p => p.CreatedAt >= since);
        return from m in matches
               join p in posts on m.PostId equals p.Id
               from c in db.Classifications.Where(c => c.PostId == p.Id).DefaultIfEmpty()
               orderby p.CreatedAt
               select new Row(m.TopicId, p.Id, p.CreatedAt,
                   c != null && c.Sentiment == Sentiments.Negative, c != null && c.Intent == Intents.Complaint, p.Text);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing {Changes} alert changes failed; they are kept and retried with the next ones")]
    private static partial void LogSaveFailed(ILogger logger, int changes, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert baseline rebuilt from {Posts} stored posts on {Topics} topics")]
    private static partial void LogRebuilt(ILogger logger, int posts, int topics);
}
