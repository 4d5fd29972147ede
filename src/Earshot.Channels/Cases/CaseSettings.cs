using System.Collections.Concurrent;
using Earshot.Core.Cases;
using Earshot.Core.Workspaces;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Channels.Cases;

/// <summary>One workspace's case rules, read together so that a case is opened under one consistent set.</summary>
public sealed record WorkspaceCaseSettings(
    Guid WorkspaceId,
    CasePolicy Policy,
    IReadOnlyList<RoutingRule> Rules,
    IReadOnlyDictionary<Guid, Guid?> TopicTeams,
    Guid? FallbackTeamId,
    IReadOnlyList<SlaPolicy> SlaPolicies,
    IReadOnlyDictionary<Guid, BusinessHours> Calendars,
    IReadOnlyDictionary<Guid, Team> Teams)
{
    /// <summary>Used when a workspace has no SLA policy: answer within an hour, resolve within a day, all hours.</summary>
    public static readonly SlaPolicy BuiltInSla = new() { Name = "built-in", FirstResponseMinutes = 60, NextResponseMinutes = 120, ResolutionMinutes = 1440 };

    /// <summary>The most specific policy: team and intent, then team, then intent, then the workspace's own.</summary>
    public SlaPolicy SlaFor(Guid? teamId, string intent) =>
        SlaPolicies.FirstOrDefault(p => p.TeamId == teamId && teamId != null && p.Intent == intent)
        ?? SlaPolicies.FirstOrDefault(p => p.TeamId == teamId && teamId != null && p.Intent == null)
        ?? SlaPolicies.FirstOrDefault(p => p.TeamId == null && p.Intent == intent)
        ?? SlaPolicies.FirstOrDefault(p => p.TeamId == null && p.Intent == null)
        ?? BuiltInSla;

    public BusinessHours HoursFor(SlaPolicy policy) =>
        policy.CalendarId is { } id && Calendars.TryGetValue(id, out var hours) ? hours : BusinessHours.AllHours;
}

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
