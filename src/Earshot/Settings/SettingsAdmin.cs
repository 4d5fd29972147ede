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

    // Each kind of setting has its own whole sentences (not "the {0}"), so a translation can inflect the noun.
    private static Refusal NameTaken(Phrase taken) => new("name", taken, RefusalKind.Conflict);

    private static Refusal NotFound(Phrase noSuchThing) => new("id", noSuchThing, RefusalKind.NotFound);

    private static Refusal? BadName(string? name, Phrase giveAName) =>
        string.IsNullOrWhiteSpace(name) || name.Length > 200 ? new Refusal("name", giveAName) : null;

    private static void CheckKnown(Dictionary<string, Phrase[]> errors, string field, IReadOnlyList<string>? values, string[] known)
    {
        var unknown = (values ?? []).Where(v => !known.Contains(v)).ToList();
        if (unknown.Count > 0)
            errors[field] = [new Phrase("unknown: {0}; use {1}", string.Join(", ", unknown), string.Join(", ", known))];
    }
}
