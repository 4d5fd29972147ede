using Earshot.Core.Cases;

namespace Earshot.Engine.Cases;

/// <summary>
/// The inbox's views by name, as the API's <c>view=</c> and the page take them: <c>open</c>, <c>pending_customer</c>,
/// <c>resolved</c>, <c>closed</c>, <c>mine</c>, <c>unassigned</c>, <c>at_risk</c>, <c>breached</c>,
/// <c>team:ID</c>, <c>channel:ID</c> and <c>tag:NAME</c>. Views that are not a status narrow the status asked for
/// (waiting cases unless said otherwise).
/// </summary>
public static class CaseViews
{
    public static readonly IReadOnlyList<string> Fixed = ["open", "pending_customer", "resolved", "mine", "unassigned", "at_risk", "breached"];

    /// <summary>A filter, or the field at fault and why.</summary>
    public sealed record Resolved(CaseFilter? Filter, string? Field = null, Phrase? Error = null);

    public static async Task<Resolved> ResolveAsync(EarshotDbContext db, string? status, string? view, Guid? userId, CancellationToken cancellationToken)
    {
        var filter = new CaseFilter();
        view = string.IsNullOrWhiteSpace(view) ? null : view.Trim();
        // A status-named view is the status itself.
        if (view is not null && (view is "open" or "all" || CaseStatuses.Parse(view) is not null) && !view.Contains(':', StringComparison.Ordinal))
        {
            if (status is not null && !string.Equals(status, view, StringComparison.OrdinalIgnoreCase))
                return new(null, "view", new Phrase("view '{0}' asks for another status than status={1}", view, status));
            status = view;
            view = null;
        }
        switch (status?.Trim().ToLowerInvariant() ?? "open")
        {
            case "open":
                break;
            case "all":
                filter = filter with { Queued = false };
                break;
            case var other when CaseStatuses.Parse(other) is { } parsed:
                filter = filter with { Queued = false, Status = parsed };
                break;
            default:
                return new(null, "status", new Phrase("'{0}' is not a status; use open, new, pending_customer, resolved, closed or all", status));
        }
        if (view is null)
            return new(filter);
        var (kind, argument) = view.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? (view[..colon], view[(colon + 1)..].Trim()) : (view, "");
        switch (kind.ToLowerInvariant())
        {
            case "mine" when argument.Length == 0:
                return userId is { } me ? new(filter with { AssigneeId = me }) : new(null, "view", new Phrase("only a signed-in person has cases of their own"));
            case "unassigned" when argument.Length == 0:
                return new(filter with { Unassigned = true });
            case "at_risk" when argument.Length == 0:
                return new(filter with { Sla = SlaState.AtRisk });
            case "breached" when argument.Length == 0:
                return new(filter with { Sla = SlaState.Breached });
            case "team":
                var team = Guid.TryParse(argument, out var teamId)
                    ? await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken)
                    : null;
                return team is { } t ? new(filter with { TeamIds = [t] }) : new(null, "view", new Phrase("no team '{0}'", argument));
            case "channel":
                var channel = Guid.TryParse(argument, out var channelId)
                    ? await db.Channels.AsNoTracking().Where(c => c.Id == channelId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken)
                    : null;
                return channel is { } ch ? new(filter with { ChannelId = ch }) : new(null, "view", new Phrase("no channel '{0}'", argument));
            case "tag" when argument.Length is > 0 and <= 50:
                return new(filter with { Tag = argument.ToLowerInvariant() });
            default:
                return new(null, "view", new Phrase("'{0}' is not a view; use {1}, team:ID, channel:ID or tag:NAME", view, string.Join(", ", Fixed)));
        }
    }
}
