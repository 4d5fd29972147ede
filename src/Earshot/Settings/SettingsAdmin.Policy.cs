using System.Text.Json;
using Earshot.Core.Access;
using Earshot.Core.Cases;
using Earshot.Engine.Audit;
using Earshot.Engine.Cases;

namespace Earshot.Settings;

public sealed partial class SettingsAdmin
{
    /// <summary>The saved policy, and how many waiting cases took its new head starts.</summary>
    public sealed record PolicySaved(string Workspace, CasePolicy Policy, int Reranked);

    /// <summary>
    /// Replaces the workspace's case policy with <paramref name="policy"/> (a JSON object in the wire shape; null keeps
    /// it) and sets the fallback team by name (null keeps it). Only an admin turns the reach factor on or off; every change
    /// to it is audited on its own for the fairness report. Waiting cases are re-ranked at once, so the queue never mixes
    /// two policies.
    /// </summary>
    public async Task<(PolicySaved? Saved, Refusal? Refusal)> SavePolicyAsync(
        AuditActor actor, bool byAdmin, Guid workspaceId, string? fallbackTeam, JsonElement? policy, CancellationToken cancellationToken)
    {
        var row = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, cancellationToken);
        var before = CasePolicy.Parse(row.CasePolicyJson);
        var after = before;
        if (policy is { ValueKind: JsonValueKind.Object } json)
        {
            try
            {
                after = JsonSerializer.Deserialize<CasePolicy>(json.GetRawText(), CasePolicy.Json)!;
            }
            catch (JsonException problem)
            {
                return (null, new Refusal("policy" + (problem.Path is { Length: > 1 } path ? path[1..] : ""), Phrase.Verbatim(problem.Message)));
            }
            // A null list would reach the pipeline as a missing policy; refuse it here, naming it.
            foreach (var (field, value) in new (string, object?)[] { ("actionable_intents", after.ActionableIntents), ("severity_minutes", after.SeverityMinutes), ("intent_minutes", after.IntentMinutes) })
                if (value is null)
                    return (null, new Refusal($"policy.{field}", new Phrase("give a value (an empty list or object clears it)")));
            if (after.SlaWarningMinutes is < 0 or > 120)
                return (null, new Refusal("policy.sla_warning_minutes", new Phrase("0 to 120 minutes")));
            if (after.JoinWindowHours is < 0 or > 720)
                return (null, new Refusal("policy.join_window_hours", new Phrase("0 to 720 hours")));
            if (after.ReachFactorEnabled != before.ReachFactorEnabled && !byAdmin)
                return (null, new Refusal("policy.reach_factor_enabled", new Phrase("only an admin may turn the reach factor on or off"), RefusalKind.Forbidden));
        }
        if (fallbackTeam is not null)
        {
            var team = await db.Teams.FirstOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Name == fallbackTeam, cancellationToken);
            if (team is null)
                return (null, new Refusal("fallback_team", new Phrase("no team '{0}' in this workspace", fallbackTeam)));
            row.FallbackTeamId = team.Id;
        }
        row.CasePolicyJson = after.ToJson();
        if (after != before || fallbackTeam is not null)
            audit.Add(db, AuditKinds.CasePolicyChanged, actor, workspaceId, new
            {
                workspace = row.Name, before = JsonSerializer.Deserialize<JsonElement>(before.ToJson()), after = JsonSerializer.Deserialize<JsonElement>(after.ToJson()),
                fallback_team = fallbackTeam,
            });
        if (after.ReachFactorEnabled != before.ReachFactorEnabled || after.ReachMinutesPerTenfold != before.ReachMinutesPerTenfold)
            audit.Add(db, AuditKinds.ReachFactorChanged, actor, workspaceId, new
            {
                enabled = after.ReachFactorEnabled, minutes_per_tenfold = after.ReachMinutesPerTenfold, was_enabled = before.ReachFactorEnabled,
            });
        await db.SaveChangesAsync(cancellationToken);
        var reranked = after == before ? 0 : await CaseRanking.RecomputeAsync(db, workspaceId, after, cancellationToken);
        return (new PolicySaved(row.Name, after, reranked), null);
    }
}
