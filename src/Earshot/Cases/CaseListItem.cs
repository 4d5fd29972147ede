using Earshot.Core.Cases;
using Earshot.Core.Posts;
using Earshot.Engine.Cases;

namespace Earshot.Cases;

/// <summary>A case as the queue and lists show it: who, where, how urgent and why.</summary>
public sealed record CaseListItem(
    Guid Id,
    string Status,
    string Subject,
    string AuthorHandle,
    string? AuthorName,
    string Channel,
    string? Team,
    Guid? AssigneeId,
    string? Assignee,
    string Intent,
    IReadOnlyList<string> Severity,
    double Priority,
    IReadOnlyList<string> Reasons,
    DateTime OpenedAt,
    DateTime? WaitingSince,
    DateTime? DueAt,
    int Breaches,
    string RoutedBy,
    IReadOnlyList<string> Tags)
{
    /// <summary>Builds list items for cases, with names looked up in one query per kind.</summary>
    public static async Task<List<CaseListItem>> ForAsync(EarshotDbContext db, IReadOnlyList<(Case Case, double? Priority)> cases, DateTime now, CancellationToken cancellationToken)
    {
        var authorIds = cases.Select(c => c.Case.AuthorId).Distinct().ToList();
        var teamIds = cases.Where(c => c.Case.TeamId != null).Select(c => c.Case.TeamId!.Value).Distinct().ToList();
        var userIds = cases.Where(c => c.Case.AssigneeId != null).Select(c => c.Case.AssigneeId!.Value).Distinct().ToList();
        var channelIds = cases.Select(c => c.Case.ChannelId).Distinct().ToList();
        var authors = await db.Authors.AsNoTracking().Where(a => authorIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => (a.Handle, a.DisplayName), cancellationToken);
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var channels = await db.Channels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Kind, cancellationToken);
        return cases.Select(entry =>
        {
            var c = entry.Case;
            var author = authors.GetValueOrDefault(c.AuthorId);
            var waiting = c.Queued ? c.WaitingSince ?? c.UpdatedAt : (DateTime?)null;
            return new CaseListItem(
                c.Id, c.Status.WireName(), c.Subject, author.Handle ?? "?", author.DisplayName,
                channels.TryGetValue(c.ChannelId, out var kind) ? kind.WireName() : "?",
                c.TeamId is { } team ? teams.GetValueOrDefault(team) : null,
                c.AssigneeId, c.AssigneeId is { } user ? users.GetValueOrDefault(user) : null,
                c.Intent, c.Severity,
                Math.Round(entry.Priority ?? c.Priority, 1),
                QueueOrder.Reasons(c.Intent, c.Severity, waiting, c.Queued ? c.DueAt : null, now),
                c.OpenedAt, waiting, c.DueAt, c.Breaches, c.RoutedBy, c.Tags);
        }).ToList();
    }
}
