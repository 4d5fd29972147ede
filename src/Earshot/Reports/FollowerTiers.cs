namespace Earshot.Reports;

/// <summary>The follower bands the fairness report compares.</summary>
public static class FollowerTiers
{
    public static readonly IReadOnlyList<string> All = ["<100", "100-1k", "1k-10k", ">=10k", "unknown"];

    public static string Of(int? followers) => followers switch
    {
        null => "unknown",
        < 100 => "<100",
        < 1_000 => "100-1k",
        < 10_000 => "1k-10k",
        _ => ">=10k",
    };
}
