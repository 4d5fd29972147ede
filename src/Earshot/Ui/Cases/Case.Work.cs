using System.Text.RegularExpressions;
using Earshot.Core.Cases;
using Earshot.Engine.Cases;

namespace Earshot.Ui.Cases;

/// <summary>Reassigning, merging and splitting a case from its page, with the choices each form offers.</summary>
public sealed partial class CaseModel
{
    /// <summary>At most this many cases are offered to merge into, from the customer's and from a subject search.</summary>
    private const int MaxChoices = 10;

    /// <summary>
    /// A lead or admin gives the case to any agent of its workspace and any of its teams; an agent takes it, leaves it
    /// to the team, or moves it to one of their own teams (as the API, they cannot hand it to another person).
    /// </summary>
    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken cancellationToken)
    {
        var @case = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.AssigneeId, c.TeamId }).FirstOrDefaultAsync(cancellationToken);
        if (@case is null)
            return NotFound();
        Guid? assignee = Assignee switch
        {
            null or "" => null,
            "me" => scope.UserId,
            var text when Guid.TryParse(text, out var parsed) => parsed,
            _ => Guid.Empty,
        };
        Guid? team = string.IsNullOrEmpty(Team) ? null : Guid.TryParse(Team, out var parsedTeam) ? parsedTeam : Guid.Empty;
        return await ActAsync(id, null, async () =>
        {
            if (assignee == Guid.Empty)
                return CaseActionResult.Refused("assignee_id", Phrase.Verbatim(T("AssignChoose")));
            if (team == Guid.Empty)
                return CaseActionResult.Refused("team_id", Phrase.Verbatim(T("TeamChoose")));
            if (assignee == @case.AssigneeId && (team is null || team == @case.TeamId))
                return CaseActionResult.Done();
            var result = await work.AssignAsync(id, scope.UserId!.Value, scope.Role, assignee, team == @case.TeamId ? null : team, cancellationToken);
            // The rules for agents live with the action; the page says them in the reader's words.
            return result.Outcome == CaseActionOutcome.Forbidden
                ? CaseActionResult.Refused(result.Field!, Phrase.Verbatim(T(result.Field == "team_id" ? "AgentsOwnTeams" : "AgentsTakeOnly")))
                : result;
        }, cancellationToken);
    }

    /// <summary>
    /// Merges this case into the one chosen (from the list, or by id or link): the first post asks for confirmation
    /// and names the target; the confirmed one merges and comes back here, where the case says where it went.
    /// </summary>
    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostMergeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(id, cancellationToken))
            return NotFound();
        var into = IntoCase ?? CaseIdIn(IntoText);
        if (into is null)
            return await RefuseAsync(id, "MergeLabel", T(string.IsNullOrWhiteSpace(IntoText) ? "MergeChoose" : "MergeNotACase"), cancellationToken);
        var target = await db.Cases.AsNoTracking().Where(c => c.Id == into).Select(c => new { c.Id, c.Subject, c.Status }).FirstOrDefaultAsync(cancellationToken);
        if (target is null)
            return await RefuseAsync(id, "MergeLabel", T("MergeNoSuchCase"), cancellationToken);
        if (!Confirm)
        {
            await LoadAsync(id, cancellationToken);
            ConfirmMergeInto = new CaseLink(target.Id, target.Subject, target.Status.WireName());
            return Page();
        }
        return await ActAsync(id, "MergeLabel", () => work.MergeAsync(id, target.Id, scope.UserId!.Value, cancellationToken), cancellationToken);
    }

    /// <summary>Moves the chosen posts into a new case, after a confirmation, and comes back here with a link to it.</summary>
    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostSplitAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(id, cancellationToken))
            return NotFound();
        if (SplitPosts.Count == 0)
            return await RefuseAsync(id, "SplitLabel", T("SplitChoose"), cancellationToken);
        if (!Confirm)
        {
            await LoadAsync(id, cancellationToken);
            ConfirmSplitPosts = [.. SplitPosts.Distinct()];
            return Page();
        }
        CaseActionResult? done = null;
        var answer = await ActAsync(id, "SplitLabel", async () => done = await work.SplitAsync(id, SplitPosts, scope.UserId!.Value, cancellationToken), cancellationToken);
        return done is { Ok: true, Value: var value } && value?.GetType().GetProperty("id")?.GetValue(value) is Guid made
            ? Redirect($"/cases/{id}?split={made}")
            : answer;
    }

    private async Task<IActionResult> RefuseAsync(Guid id, string label, string error, CancellationToken cancellationToken)
    {
        ModelState.AddModelError("", T("FieldError", T(label), error));
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>A case id typed as it is, or inside a link to the case ("…/cases/{id}").</summary>
    private static Guid? CaseIdIn(string? text) =>
        text is null ? null
        : Guid.TryParse(text.Trim(), out var id) ? id
        : Regex.Match(text, "/cases/([0-9a-fA-F-]{36})", RegexOptions.None, TimeSpan.FromMilliseconds(100)) is { Success: true } match && Guid.TryParse(match.Groups[1].Value, out var linked) ? linked
        : null;

    /// <summary>Who and where the case may go, and what it may merge into; read for people who work cases only.</summary>
    private async Task LoadWorkChoicesAsync(Case @case, CancellationToken cancellationToken)
    {
        var workspaceId = @case.WorkspaceId;
        if (CanManage)
        {
            Agents = await db.Users.AsNoTracking()
                .Where(u => u.DeactivatedAt == null && u.Role != Core.Workspaces.Roles.Analyst
                            && (u.Role == Core.Workspaces.Roles.Admin || db.WorkspaceMembers.Any(m => m.UserId == u.Id && m.WorkspaceId == workspaceId)))
                .OrderBy(u => u.DisplayName).Select(u => new Choice(u.Id, u.DisplayName == "" ? u.Email : u.DisplayName)).ToListAsync(cancellationToken);
            Teams = await db.Teams.AsNoTracking().Where(t => t.WorkspaceId == workspaceId)
                .OrderBy(t => t.Name).Select(t => new Choice(t.Id, t.Name)).ToListAsync(cancellationToken);
        }
        else
        {
            var me = scope.UserId;
            Agents = await db.Users.AsNoTracking().Where(u => u.Id == me || u.Id == @case.AssigneeId)
                .Select(u => new Choice(u.Id, u.DisplayName == "" ? u.Email : u.DisplayName)).ToListAsync(cancellationToken);
            Teams = await db.Teams.AsNoTracking()
                .Where(t => t.WorkspaceId == workspaceId && (t.Id == @case.TeamId || db.TeamMembers.Any(m => m.TeamId == t.Id && m.UserId == me)))
                .OrderBy(t => t.Name).Select(t => new Choice(t.Id, t.Name)).ToListAsync(cancellationToken);
        }

        var customerCases = Detail.Profile.Cases.Select(c => c.Id).ToList();
        MergeCandidates = await CandidatesAsync(db.Cases.Where(c => customerCases.Contains(c.Id)), @case, cancellationToken);
        if (!string.IsNullOrWhiteSpace(Find))
        {
            // A subject search within the case's workspace; upper-cased on both sides, as both databases compare
            // case-sensitively by default.
            var term = Find.Trim().ToUpperInvariant();
            Found = await CandidatesAsync(db.Cases.Where(c => c.WorkspaceId == workspaceId && c.Subject.ToUpper().Contains(term)), @case, cancellationToken);
        }
    }

    /// <summary>Cases this one may merge into: not itself, not merged away, not closed; the newest first.</summary>
    private async Task<IReadOnlyList<CaseLink>> CandidatesAsync(IQueryable<Case> cases, Case @case, CancellationToken cancellationToken) =>
        (await cases.AsNoTracking()
            .Where(c => c.Id != @case.Id && c.WorkspaceId == @case.WorkspaceId && c.MergedIntoId == null && c.Status != CaseStatus.Closed)
            .OrderByDescending(c => c.OpenedAt).Take(MaxChoices)
            .Select(c => new { c.Id, c.Subject, c.Status }).ToListAsync(cancellationToken))
        .Select(c => new CaseLink(c.Id, c.Subject, c.Status.WireName())).ToList();
}
