using Earshot.Api;
using Earshot.Core.Cases;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Settings;

/// <summary>
/// A lead's settings for one workspace: teams and members, routing rules, SLA policies, canned replies and the
/// case policy. The forms post to the same API as scripts do, so both follow one set of rules. Each rule, policy,
/// calendar and reply can be edited in its form (pre-filled by settings-edit.js) and deleted after a confirmation.
/// </summary>
[Authorize(Policy = AccessServices.Manage)]
public sealed class IndexModel(EarshotDbContext db, WorkspaceResolver resolver, AccessScope scope, IStringLocalizer<SettingsStrings> strings) : PageModel
{
    private static readonly JsonSerializerOptions WireJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Workspace { get; private set; } = "";
    public IReadOnlyList<string> Workspaces { get; private set; } = [];
    public IReadOnlyList<(string Name, string Assignment, IReadOnlyList<string> Members)> Teams { get; private set; } = [];
    public IReadOnlyList<RoutingRule> Rules { get; private set; } = [];
    public IReadOnlyList<SlaPolicy> Slas { get; private set; } = [];
    public IReadOnlyList<CannedReply> Canned { get; private set; } = [];
    public IReadOnlyList<BusinessCalendar> Calendars { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> TeamNames { get; private set; } = new Dictionary<Guid, string>();
    public IReadOnlyDictionary<Guid, string> TopicNames { get; private set; } = new Dictionary<Guid, string>();
    public CasePolicy Policy { get; private set; } = CasePolicy.Default;
    public string? FallbackTeam { get; private set; }
    public bool IsAdmin => scope.IsAdmin;

    public async Task OnGetAsync(string? workspace, CancellationToken cancellationToken)
    {
        var visible = await scope.WorkspaceIdsAsync(cancellationToken);
        Workspaces = await db.Workspaces.AsNoTracking().Where(w => visible == null || visible.Contains(w.Id)).OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(cancellationToken);
        var (id, _) = await resolver.ResolveAsync(workspace ?? Workspaces.FirstOrDefault(), cancellationToken);
        if (id is not { } workspaceId)
            return;
        var row = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == workspaceId, cancellationToken);
        Workspace = row.Name;
        Policy = CasePolicy.Parse(row.CasePolicyJson);
        var teams = await db.Teams.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        TeamNames = teams.ToDictionary(t => t.Id, t => t.Name);
        FallbackTeam = row.FallbackTeamId is { } fallback ? TeamNames.GetValueOrDefault(fallback) : null;
        var teamIds = teams.Select(t => t.Id).ToList();
        var members = await db.TeamMembers.AsNoTracking().Where(m => teamIds.Contains(m.TeamId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.TeamId, u.DisplayName, m.IsLead })
            .ToListAsync(cancellationToken);
        Teams = teams.Select(t => (t.Name, SettingsApi.Wire(t.Assignment), (IReadOnlyList<string>)members.Where(m => m.TeamId == t.Id)
            .Select(m => m.IsLead ? Text("MemberLead", m.DisplayName) : m.DisplayName).Order().ToList())).ToList();
        Rules = await db.RoutingRules.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Position).ThenBy(r => r.Name).ToListAsync(cancellationToken);
        TopicNames = await db.Topics.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        Slas = await db.SlaPolicies.AsNoTracking().Where(p => p.WorkspaceId == workspaceId).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        Canned = await db.CannedReplies.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Name).ToListAsync(cancellationToken);
        Calendars = await db.BusinessCalendars.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Name).ToListAsync(cancellationToken);
    }

    public string? CalendarName(Guid? id) => Calendars.FirstOrDefault(c => c.Id == id)?.Name;

    // Without values a string is returned as written: a "{0}" in it is filled in by the page's script.
    public string Text(string key, params object[] values) => values.Length == 0 ? strings[key] : strings[key, values];

    /// <summary>A day of a calendar's week, Monday first as the API takes them.</summary>
    public string Day(int index) => strings["Day" + index];

    /// <summary>A row's values as its edit form names them, for settings-edit.js to fill the form.</summary>
    public static string Json(object values) => JsonSerializer.Serialize(values, WireJson);

    public string Team(Guid? id) => id is { } value ? TeamNames.GetValueOrDefault(value, "?") : Text("AnyTeam");
}
