namespace Earshot.Core.Workspaces;

/// <summary>One brand's account: everything a care team listens to and answers for.</summary>
public sealed class Workspace
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>Names and handles the brand is known by ("Aurora Mobile", "@AuroraMobile").</summary>
    public List<string> BrandNames { get; set; } = [];
    public List<string> CompetitorNames { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    /// <summary>Where cases go when no routing rule and no topic owner claims them.</summary>
    public Guid? FallbackTeamId { get; set; }
    /// <summary>The workspace's <see cref="Cases.CasePolicy"/> as JSON; empty means the defaults.</summary>
    public string CasePolicyJson { get; set; } = "{}";
}
