using System.Collections.Concurrent;
using Earshot.Core.Cases;
using Earshot.Core.Workspaces;

namespace Earshot.Engine.Cases;

/// <summary>
/// Caches each workspace's case settings for a few seconds. Changes made through this process apply at once
/// (<see cref="Invalidate"/>); changes from another node within <see cref="Lifetime"/>.
/// </summary>
public sealed class CaseSettings(IDbContextFactory<EarshotDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, (WorkspaceCaseSettings Settings, DateTime LoadedAt)> _cache = new();

    private long _generation;

    public void Invalidate(Guid workspaceId)
    {
        Interlocked.Increment(ref _generation);
        _cache.TryRemove(workspaceId, out _);
    }

    public async Task<WorkspaceCaseSettings> ForAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_cache.TryGetValue(workspaceId, out var cached) && now - cached.LoadedAt < Lifetime)
            return cached.Settings;
        var generation = Interlocked.Read(ref _generation);
        var settings = await LoadAsync(workspaceId, cancellationToken);
        // A change saved while this read was under way must not be hidden by caching the older settings.
        if (Interlocked.Read(ref _generation) == generation)
            _cache[workspaceId] = (settings, now);
        return settings;
    }

    private async Task<WorkspaceCaseSettings> LoadAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var workspace = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == workspaceId, cancellationToken);
        var rules = await db.RoutingRules.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).ToListAsync(cancellationToken);
        var topicTeams = await db.Topics.AsNoTracking().Where(t => t.WorkspaceId == workspaceId)
            .ToDictionaryAsync(t => t.Id, t => t.TeamId, cancellationToken);
        var slas = await db.SlaPolicies.AsNoTracking().Where(p => p.WorkspaceId == workspaceId).ToListAsync(cancellationToken);
        var calendars = await db.BusinessCalendars.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).ToDictionaryAsync(t => t.Id, cancellationToken);
        return new WorkspaceCaseSettings(
            workspaceId, CasePolicy.Parse(workspace.CasePolicyJson), rules, topicTeams, workspace.FallbackTeamId, slas,
            calendars.ToDictionary(c => c.Id, c => new BusinessHours(c)), teams);
    }
}
