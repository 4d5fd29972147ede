using Earshot.Api;
using Earshot.Core.Workspaces;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Users;

/// <summary>
/// People and teams for leads and admins: the people they manage, inviting someone (a one-time set-password link,
/// shown once), editing role, workspaces and capacity, resetting a password, deactivating with confirmation; and each
/// team's name, assignment and members, with deletion after a confirmation that says what happens. The rules are
/// <see cref="PeopleAdmin"/>'s, as for the API and the command line.
/// </summary>
[Authorize(Policy = AccessServices.Manage)]
public sealed class IndexModel(PeopleAdmin people, EarshotDbContext db, AccessScope scope, IStringLocalizer<UsersStrings> strings) : PageModel
{
    public sealed record TeamRow(Guid Id, string Workspace, string Name, string Assignment, IReadOnlyList<(string Email, string Name, bool Lead)> Members);

    public IReadOnlyList<PeopleAdmin.Person> People { get; private set; } = [];
    public IReadOnlyList<string> Workspaces { get; private set; } = [];
    public IReadOnlyList<TeamRow> Teams { get; private set; } = [];
    public PeopleAdmin.Person? Editing { get; private set; }
    public PeopleAdmin.Person? Confirming { get; private set; }
    public PeopleAdmin.TeamImpact? DeletingTeam { get; private set; }
    /// <summary>A set-password link to pass on, shown on this answer only.</summary>
    public (string Email, string Url)? OneTimeLink { get; private set; }
    public string? Done { get; private set; }
    public string? Problem { get; private set; }
    public bool IsAdmin => scope.IsAdmin;
    public IReadOnlyList<string> AssignableRoles => IsAdmin ? Roles.All : [Roles.Agent, Roles.Analyst];

    public string Text(string key) => strings[key];

    public string Text(string key, params object[] values) => string.Format(System.Globalization.CultureInfo.CurrentCulture, strings[key], values);

    public async Task OnGetAsync(Guid? edit, Guid? confirm, Guid? deleteTeam, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Editing = People.FirstOrDefault(p => p.Id == edit);
        Confirming = People.FirstOrDefault(p => p.Id == confirm);
        if (deleteTeam is { } teamId && Teams.Any(t => t.Id == teamId))
            DeletingTeam = await people.ImpactAsync(teamId, cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(string? email, string? name, string? role, string[]? workspaces, int? capacity, CancellationToken cancellationToken)
    {
        var (created, refusal) = await people.CreateAsync(await ManagerAsync(cancellationToken),
            new PeopleAdmin.NewPerson(email, name, role, workspaces ?? [], capacity, null), cancellationToken);
        if (refusal is not null)
            return await RefusedAsync(refusal, cancellationToken);
        OneTimeLink = (created!.User.Email, UsersApi.Link(Request, created.SetPasswordToken!));
        Done = Text("Invited", created.User.Email);
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, string? name, string? role, string[]? workspaces, int? capacity, CancellationToken cancellationToken)
    {
        var (user, refusal) = await people.UpdateAsync(await ManagerAsync(cancellationToken), id,
            new PeopleAdmin.Changes(role, workspaces ?? [], capacity, null, name), cancellationToken);
        if (refusal is not null)
            return await RefusedAsync(refusal, cancellationToken);
        Done = Text("Saved", user!.Email);
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostActiveAsync(Guid id, bool active, CancellationToken cancellationToken)
    {
        var (user, refusal) = await people.UpdateAsync(await ManagerAsync(cancellationToken), id, new PeopleAdmin.Changes(Active: active), cancellationToken);
        if (refusal is not null)
            return await RefusedAsync(refusal, cancellationToken);
        Done = Text(active ? "Reactivated" : "Deactivated", user!.Email);
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostResetAsync(Guid id, CancellationToken cancellationToken)
    {
        var (token, refusal) = await people.ResetPasswordAsync(await ManagerAsync(cancellationToken), id, cancellationToken);
        if (refusal is not null)
            return await RefusedAsync(refusal, cancellationToken);
        await LoadAsync(cancellationToken);
        var email = People.First(p => p.Id == id).Email;
        OneTimeLink = (email, UsersApi.Link(Request, token!));
        Done = Text("ResetDone", email);
        return Page();
    }

    public async Task<IActionResult> OnPostTeamAsync(Guid id, string? name, string? assignment, CancellationToken cancellationToken)
    {
        var (team, refusal) = await people.UpdateTeamAsync(await ManagerAsync(cancellationToken), id, name, assignment, cancellationToken);
        if (refusal is not null)
            return await RefusedAsync(refusal, cancellationToken);
        HttpContext.RequestServices.GetRequiredService<Engine.Cases.CaseSettings>().Invalidate(team!.WorkspaceId);
        Done = Text("TeamSaved", team.Name);
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteTeamAsync(Guid id, CancellationToken cancellationToken)
    {
        var (done, refusal) = await people.DeleteTeamAsync(await ManagerAsync(cancellationToken), id, cancellationToken);
        if (refusal is not null)
            return await RefusedAsync(refusal, cancellationToken);
        HttpContext.RequestServices.GetRequiredService<Engine.Cases.CaseSettings>().Invalidate(done!.WorkspaceId);
        Done = Text("TeamDeleted", done.Name, done.Cases, done.SlaPolicies, done.Members);
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAddMemberAsync(Guid id, string? email, bool lead, CancellationToken cancellationToken)
    {
        var (_, refusal) = await people.AddMemberAsync(await ManagerAsync(cancellationToken), id, email, lead, cancellationToken);
        if (refusal is not null)
            return await RefusedAsync(refusal, cancellationToken);
        Done = Text("MemberAdded", email ?? "");
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(Guid id, string? email, CancellationToken cancellationToken)
    {
        var refusal = await people.RemoveMemberAsync(await ManagerAsync(cancellationToken), id, email, cancellationToken);
        if (refusal is not null)
            return await RefusedAsync(refusal, cancellationToken);
        Done = Text("MemberRemoved", email ?? "");
        return await ShowAsync(cancellationToken);
    }

    private Task<Manager> ManagerAsync(CancellationToken cancellationToken) => Manager.OfAsync(scope, cancellationToken);

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The refusal in the layout, naming the form's label for the field, with the refusal's status.</summary>
    private async Task<IActionResult> RefusedAsync(Refusal refusal, CancellationToken cancellationToken)
    {
        Problem = Text("Problem", Text("Field." + refusal.Field), PhraseStrings.Say(refusal.Message));
        Response.StatusCode = refusal.Status;
        return await ShowAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        People = await people.ListAsync(cancellationToken);
        var visible = await scope.WorkspaceIdsAsync(cancellationToken);
        var workspaces = await db.Workspaces.AsNoTracking().Where(w => visible == null || visible.Contains(w.Id)).OrderBy(w => w.Name)
            .Select(w => new { w.Id, w.Name }).ToListAsync(cancellationToken);
        Workspaces = workspaces.Select(w => w.Name).ToList();
        var names = workspaces.ToDictionary(w => w.Id, w => w.Name);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        var members = await db.TeamMembers.AsNoTracking()
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.TeamId, u.Email, u.DisplayName, m.IsLead }).ToListAsync(cancellationToken);
        Teams = teams.Where(t => names.ContainsKey(t.WorkspaceId))
            .Select(t => new TeamRow(t.Id, names[t.WorkspaceId], t.Name, SettingsApi.Wire(t.Assignment),
                members.Where(m => m.TeamId == t.Id).OrderBy(m => m.DisplayName, StringComparer.Ordinal).Select(m => (m.Email, m.DisplayName, m.IsLead)).ToList()))
            .OrderBy(t => t.Workspace, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The time as an ISO value for &lt;time datetime&gt;, which local-times.js shows in the reader's zone.</summary>
    public static string Iso(DateTime utc) => utc.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public static string Shown(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
}
