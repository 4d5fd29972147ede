using Earshot.Core.Cases;

namespace Earshot.Ui.Cases;

/// <summary>The alerts a customer's case belongs to: spikes on a topic its posts match, going on while they were written.</summary>
public sealed partial class CaseModel
{
    /// <summary>At most this many alerts are linked from one case.</summary>
    private const int MaxAlerts = 3;

    public sealed record AlertLink(Guid Id, string Kind, string? Topic, Guid? IncidentCaseId);

    public IReadOnlyList<AlertLink> DuringAlerts { get; private set; } = [];

    /// <summary>
    /// A customer's case belongs to an alert when one of its posts matches the alert's topic and was written between
    /// the alert's start and its close (or now, while it is open). The (post, topic) key and the few alerts per topic
    /// keep this to two small reads.
    /// </summary>
    private async Task LoadDuringAlertsAsync(Case @case, DateTime now, CancellationToken cancellationToken)
    {
        var posts = Detail.Conversation.Where(e => e.Kind == "customer").Select(e => (e.Id, e.At)).ToList();
        if (posts.Count == 0)
            return;
        var postIds = posts.Select(p => p.Id).ToList();
        var matches = await db.TopicMatches.AsNoTracking().Where(m => postIds.Contains(m.PostId)).Select(m => new { m.PostId, m.TopicId }).ToListAsync(cancellationToken);
        if (matches.Count == 0)
            return;
        var topicIds = matches.Select(m => m.TopicId).Distinct().ToList();
        var first = posts.Min(p => p.At);
        var last = posts.Max(p => p.At);
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.WorkspaceId == @case.WorkspaceId && a.TopicId != null && topicIds.Contains(a.TopicId.Value)
                        && a.StartedAt <= last && (a.ClosedAt == null || a.ClosedAt >= first))
            .OrderByDescending(a => a.StartedAt).Take(20)
            .Select(a => new { a.Id, a.Kind, a.TopicId, a.StartedAt, a.ClosedAt, a.IncidentCaseId, Topic = db.Topics.Where(t => t.Id == a.TopicId).Select(t => t.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        DuringAlerts = alerts
            .Where(a => matches.Any(m => m.TopicId == a.TopicId && posts.Any(p => p.Id == m.PostId && p.At >= a.StartedAt && p.At <= (a.ClosedAt ?? now))))
            .Take(MaxAlerts)
            .Select(a => new AlertLink(a.Id, a.Kind.Replace('-', ' '), a.Topic, a.IncidentCaseId == @case.Id ? null : a.IncidentCaseId))
            .ToList();
    }
}
