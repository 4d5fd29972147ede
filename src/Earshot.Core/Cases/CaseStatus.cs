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

    /// <summary>
    /// The statuses a person may move a case to from <paramref name="status"/>: never back to new (only the queue
    /// makes a case new), and a closed case only opens again.
    /// </summary>
    public static IReadOnlyList<CaseStatus> NextStatuses(this CaseStatus status) => status switch
    {
        CaseStatus.New => [CaseStatus.Open, CaseStatus.PendingCustomer, CaseStatus.Resolved, CaseStatus.Closed],
        CaseStatus.Open => [CaseStatus.PendingCustomer, CaseStatus.Resolved, CaseStatus.Closed],
        CaseStatus.PendingCustomer => [CaseStatus.Open, CaseStatus.Resolved, CaseStatus.Closed],
        CaseStatus.Resolved => [CaseStatus.Open, CaseStatus.Closed],
        _ => [CaseStatus.Open],
    };
}
