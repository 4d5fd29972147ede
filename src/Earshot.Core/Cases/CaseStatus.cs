namespace Earshot.Core.Cases;

public enum CaseStatus
{
    New,
    Open,
    PendingCustomer,
    Resolved,
    Closed,
}
