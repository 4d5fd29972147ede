using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Earshot.Core.Cases;
using Earshot.Engine.Audit;

namespace Earshot.Cli;

/// <summary>
/// `earshot settings policy`: shows the workspace's case policy and fallback team, or changes them. `--set key=value`
/// sets one of the policy's settings as the API names it (`sla_warning_minutes=20`, `intent_minutes.complaint=15`,
/// `actionable_intents=["complaint"]`); a value that is not JSON is taken as text.
/// </summary>
internal static partial class SettingsCommand
{
    private static Command Policy()
    {
        var set = Many("--set", "A policy setting as key=value, e.g. sla_warning_minutes=20 or intent_minutes.complaint=15");
        var fallback = new Option<string?>("--fallback-team") { Description = "The team that takes cases no routing rule sends elsewhere" };
        var (workspace, db) = (CommonOptions.Workspace(), CommonOptions.Db());
        var command = new Command("policy", "Show the workspace's case policy, or change it with --set and --fallback-team (waiting cases are re-ranked at once)")
            { set, fallback, workspace, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await SessionAsync(parse.GetValue(db), parse.GetValue(workspace), cancellationToken);
            if (session.WorkspaceId is not { } workspaceId)
                return await NoWorkspaceAsync(parse.GetValue(workspace));
            var row = await session.Context.Workspaces.AsNoTracking().FirstAsync(w => w.Id == workspaceId, cancellationToken);
            var policy = JsonNode.Parse(CasePolicy.Parse(row.CasePolicyJson).ToJson())!.AsObject();
            var changes = parse.GetValue(set) ?? [];
            foreach (var change in changes)
                if (Apply(policy, change) is { } problem)
                {
                    await Console.Error.WriteLineAsync($"error: --set {change}: {problem}");
                    return EarshotCli.BadInput;
                }
            var fallbackTeam = parse.GetValue(fallback);
            if (changes.Length > 0 || fallbackTeam is not null)
            {
                var (saved, refusal) = await session.Admin.SavePolicyAsync(AuditActor.Cli, byAdmin: true, workspaceId, fallbackTeam,
                    JsonSerializer.SerializeToElement(policy), cancellationToken);
                if (refusal is not null)
                    return await RefusedAsync(refusal);
                Console.WriteLine($"Saved the case policy of {saved!.Workspace}; {saved.Reranked} waiting case(s) re-ranked. A running server applies it within seconds.");
                policy = JsonNode.Parse(saved.Policy.ToJson())!.AsObject();
            }
            var team = await session.Context.Workspaces.Where(w => w.Id == workspaceId)
                .Select(w => session.Context.Teams.Where(t => t.Id == w.FallbackTeamId).Select(t => t.Name).FirstOrDefault()).FirstAsync(cancellationToken);
            Console.WriteLine($"fallback team: {team ?? "none"}");
            Console.WriteLine(policy.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return EarshotCli.Ok;
        });
        return command;
    }

    /// <summary>Sets key (or key.entry, for the per-intent and per-severity minutes) to the value; says why it cannot.</summary>
    private static string? Apply(JsonObject policy, string change)
    {
        var equals = change.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
            return "write it as key=value";
        var path = change[..equals].Trim().Split('.');
        var text = change[(equals + 1)..].Trim();
        JsonNode? value;
        try
        {
            value = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            value = JsonValue.Create(text);
        }
        if (!policy.ContainsKey(path[0]))
            return $"no setting '{path[0]}'; the policy has {string.Join(", ", policy.Select(p => p.Key))}";
        if (path.Length == 1)
            policy[path[0]] = value;
        else if (path.Length == 2 && policy[path[0]] is JsonObject entries)
            entries[path[1]] = value;
        else
            return $"'{path[0]}' has no entries to set";
        return null;
    }
}
