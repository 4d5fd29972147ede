namespace Earshot.Core.Cases;

public enum CaseStatus
{
    New,
    Open,
    PendingCustomer,
    Resolved,
    Closed,
}

public static class CaseStatuses
{
    public static string WireName(this CaseStatus status) => status switch
    {
        CaseStatus.New => "new",
        CaseStatus.Open => "open",
        CaseStatus.PendingCustomer => "pending_customer",
        CaseStatus.Resolved => "resolved",
        _ => "closed",
    };

    public static CaseStatus? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "new" => CaseStatus.New,
        "open" => CaseStatus.Open,
        "pending_customer" or "pending" => CaseStatus.PendingCustomer,
        "resolved" => CaseStatus.Resolved,
        "closed" => CaseStatus.Closed,
        _ => null,
    };

    /// <summary>New and open cases wait for us; the others wait for the customer or are done.</summary>
    public static bool IsQueued(this CaseStatus status) => status is CaseStatus.New or CaseStatus.Open;
}
