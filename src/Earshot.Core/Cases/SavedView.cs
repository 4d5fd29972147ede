namespace Earshot.Core.Cases;

/// <summary>
/// A person's named inbox filter: a status, a view and a team, as the inbox takes them. It belongs to the person,
/// not to a workspace: the cases it shows are always those of the workspaces they belong to when they open it.
/// </summary>
public sealed class SavedView
{
    public const int MaxPerUser = 20;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>open, new, pending_customer, resolved, closed or all.</summary>
    public string Status { get; set; } = "open";
    /// <summary>A view as <c>CaseViews</c> names them (mine, at_risk, team:ID …), or null.</summary>
    public string? View { get; set; }
    /// <summary>A team's name, narrowing further, or null.</summary>
    public string? Team { get; set; }
    public DateTime CreatedAt { get; set; }
}
