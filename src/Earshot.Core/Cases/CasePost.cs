namespace Earshot.Core.Cases;

/// <summary>A customer's post that belongs to a case. A post is in at most one case.</summary>
public sealed class CasePost
{
    public Guid CaseId { get; set; }
    public Guid PostId { get; set; }
    public DateTime At { get; set; }
}
