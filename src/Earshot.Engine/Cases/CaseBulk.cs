using Earshot.Core.Cases;
using Earshot.Core.Workspaces;

namespace Earshot.Engine.Cases;

/// <summary>One action for many cases: <c>assign</c> (assignee and/or team), <c>tag</c> (adds tags), <c>status</c> or <c>merge</c> (into one case).</summary>
public sealed record BulkRequest(IReadOnlyList<Guid>? Ids, string? Action, string? Assignee = null, string? Team = null,
    IReadOnlyList<string>? Tags = null, string? Status = null, Guid? Into = null);

/// <summary>What happened to one case: <c>done</c>, <c>not_found</c> or <c>refused</c> (with the reason).</summary>
public sealed record BulkItem(Guid Id, string Result, Phrase? Reason = null);

/// <summary>Each case's result, or the request's field at fault (nothing was changed then).</summary>
public sealed record BulkOutcome(IReadOnlyList<BulkItem>? Items, string? Field = null, Phrase? Error = null);

/// <summary>
/// Applies one action to a selection of cases, each through the same <see cref="CaseWork"/> method a single action
/// uses (so each case gets its history event and live update), one case at a time: a case the caller may not see
/// is "not found" and a refused one never stops the others.
/// </summary>
public sealed class CaseBulk(IDbContextFactory<EarshotDbContext> contexts, CaseWork work, CaseCounts counts)
{
    /// <summary>The most cases one request may name.</summary>
    public const int MaxBatch = 200;

    public static readonly IReadOnlyList<string> Actions = ["assign", "tag", "status", "merge"];

    public async Task<BulkOutcome> ApplyAsync(BulkRequest request, Guid actorId, string actorRole, CancellationToken cancellationToken)
    {
        var ids = (request.Ids ?? []).Distinct().ToList();
        if (ids.Count == 0)
            return new(null, "ids", new Phrase("name at least one case"));
        if (ids.Count > MaxBatch)
            return new(null, "ids", new Phrase("at most {0} cases at a time; this asked for {1}", MaxBatch, ids.Count));
        var action = request.Action?.Trim().ToLowerInvariant();
        if (action is null || !Actions.Contains(action))
            return new(null, "action", new Phrase("'{0}' is not an action; use {1}", request.Action, string.Join(", ", Actions)));

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var visible = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.WorkspaceId, c.Tags }).ToDictionaryAsync(c => c.Id, cancellationToken);
        Func<Guid, Task<CaseActionResult>> apply;
        switch (action)
        {
            case "assign":
            {
                Guid? assignee = request.Assignee switch
                {
                    null or "" => null,
                    "me" => actorId,
                    var text when Guid.TryParse(text, out var parsed) => parsed,
                    _ => Guid.Empty,
                };
                if (assignee == Guid.Empty)
                    return new(null, "assignee", new Phrase("use 'me' or a user id"));
                if (assignee is null && string.IsNullOrWhiteSpace(request.Team))
                    return new(null, "assignee", new Phrase("name an assignee, a team, or both"));
                List<Team> teams = [];
                if (!string.IsNullOrWhiteSpace(request.Team))
                {
                    var name = request.Team.Trim();
                    var byId = Guid.TryParse(name, out var teamId) ? teamId : Guid.Empty;
                    teams = await db.Teams.AsNoTracking().Where(t => t.Name == name || t.Id == byId).ToListAsync(cancellationToken);
                    if (teams.Count == 0)
                        return new(null, "team", new Phrase("no team '{0}'", name));
                }
                apply = async id =>
                {
                    Guid? team = null;
                    if (teams.Count > 0)
                    {
                        if (teams.FirstOrDefault(t => t.WorkspaceId == visible[id].WorkspaceId) is not { } inWorkspace)
                            return CaseActionResult.Refused("team", new Phrase("no team '{0}' in this case's workspace", request.Team));
                        team = inWorkspace.Id;
                    }
                    return await work.AssignAsync(id, actorId, actorRole, assignee, team, cancellationToken);
                };
                break;
            }
            case "tag":
                var added = (request.Tags ?? []).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
                if (added.Count == 0)
                    return new(null, "tags", new Phrase("name at least one tag to add"));
                apply = id => work.SetTagsAsync(id, actorId, [.. visible[id].Tags.Union(added)], cancellationToken);
                break;
            case "status":
                if (CaseStatuses.Parse(request.Status) is not { } status)
                    return new(null, "status", new Phrase("'{0}' is not a status; use new, open, pending_customer, resolved or closed", request.Status));
                apply = id => work.SetStatusAsync(id, actorId, status, cancellationToken);
                break;
            default:
                if (request.Into is not { } into)
                    return new(null, "into", new Phrase("name the case to merge the others into"));
                if (!visible.ContainsKey(into) && !await db.Cases.AnyAsync(c => c.Id == into, cancellationToken))
                    return new(null, "into", new Phrase("no such case"));
                apply = id => id == into ? Task.FromResult(CaseActionResult.Done()) : work.MergeAsync(id, into, actorId, cancellationToken);
                break;
        }

        var items = new List<BulkItem>(ids.Count);
        foreach (var id in ids)
        {
            if (!visible.ContainsKey(id))
            {
                items.Add(new BulkItem(id, "not_found", new Phrase("no such case")));
                continue;
            }
            var result = await apply(id);
            items.Add(result.Outcome switch
            {
                CaseActionOutcome.Done => new BulkItem(id, "done"),
                CaseActionOutcome.NotFound => new BulkItem(id, "not_found", result.Error),
                _ => new BulkItem(id, "refused", result.Error),
            });
        }
        // The person who did it sees the counts move at once; everyone else within the counts' lifetime.
        counts.Invalidate();
        return new(items);
    }
}
