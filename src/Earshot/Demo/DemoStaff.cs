using Earshot.Core.Workspaces;

namespace Earshot.Demo;

/// <summary>The demo's care team as the floor needs it: who holds a case, and who of a team can answer it.</summary>
internal sealed class DemoStaff
{
    private readonly Dictionary<Guid, User> _people;
    private readonly Dictionary<Guid, List<User>> _agentsByTeam;

    private DemoStaff(Dictionary<Guid, User> people, Dictionary<Guid, List<User>> agentsByTeam, User lead) =>
        (_people, _agentsByTeam, Lead) = (people, agentsByTeam, lead);

    public User Lead { get; }

    public static async Task<DemoStaff> LoadAsync(IDbContextFactory<EarshotDbContext> contexts, Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var emails = DemoPeople.Users.Select(u => u.Email).ToList();
        var people = await db.Users.AsNoTracking().Where(u => emails.Contains(u.Email)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var members = await db.TeamMembers.AsNoTracking()
            .Where(m => !m.IsLead && db.Teams.Any(t => t.Id == m.TeamId && t.WorkspaceId == workspaceId))
            .ToListAsync(cancellationToken);
        var agentsByTeam = members.Where(m => people.ContainsKey(m.UserId))
            .GroupBy(m => m.TeamId).ToDictionary(g => g.Key, g => g.Select(m => people[m.UserId]).ToList());
        return new DemoStaff(people, agentsByTeam, people.Values.First(u => u.Role == Roles.Lead));
    }

    /// <summary>The case's holder, else one of its team's agents, else the lead.</summary>
    public User For(Guid? assigneeId, Guid? teamId, Random random) =>
        assigneeId is { } held && _people.TryGetValue(held, out var holder) ? holder
        : teamId is { } team && _agentsByTeam.TryGetValue(team, out var agents) ? agents[random.Next(agents.Count)]
        : Lead;
}
