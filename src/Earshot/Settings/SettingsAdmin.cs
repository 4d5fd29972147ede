using Earshot.Core.Access;
using Earshot.Engine.Audit;

namespace Earshot.Settings;

/// <summary>
/// Changing what leads set for a workspace's cases: routing rules, SLA policies, business calendars, canned replies and
/// the case policy. The API (which the settings page calls) and <c>earshot settings</c> both go through here, so both
/// follow the same rules: a name is unique in its workspace (saving by name changes the one that has it; renaming onto
/// another's name is refused, never merged), teams, topics and calendars are named and checked, a calendar in use is
/// not deleted, and only an admin turns the reach factor on or off. Every change is audited with who made it. What the
/// caller may reach is the context's: the API's is the request's, filtered to the caller's workspaces, so another
/// workspace's id is not found.
/// </summary>
public sealed partial class SettingsAdmin(EarshotDbContext db, AuditLog audit)
{
    public static readonly string[] KnownIntents = ["complaint", "question", "praise", "suggestion", "fyi"];
    public static readonly string[] KnownSeverities = ["outage", "safety", "billing", "legal", "switching"];

    /// <summary>A saved setting: its id, name and workspace (whose cached case settings the caller refreshes).</summary>
    public sealed record Saved(Guid Id, string Name, Guid WorkspaceId);

    private static Refusal NameTaken(string what, string name) =>
        new("name", $"another {what} in this workspace is already named '{name}'; choose another name or change that one", RefusalKind.Conflict);

    private static Refusal NotFound(string what) => new("id", $"no {what} with that id in your workspaces", RefusalKind.NotFound);

    private static Refusal? BadName(string? name, string what) =>
        string.IsNullOrWhiteSpace(name) || name.Length > 200 ? new Refusal("name", $"give the {what} a name of 1 to 200 characters") : null;

    private static void CheckKnown(Dictionary<string, string[]> errors, string field, IReadOnlyList<string>? values, string[] known)
    {
        var unknown = (values ?? []).Where(v => !known.Contains(v)).ToList();
        if (unknown.Count > 0)
            errors[field] = [$"unknown: {string.Join(", ", unknown)}; use {string.Join(", ", known)}"];
    }
}
