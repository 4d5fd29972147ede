using Earshot.Core.Workspaces;

namespace Earshot.Core.Cases;

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
