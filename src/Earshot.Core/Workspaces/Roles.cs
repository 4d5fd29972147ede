namespace Earshot.Core.Workspaces;

/// <summary>What a user may do. Admins see every workspace; the others only the ones they belong to.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Lead = "lead";
    public const string Agent = "agent";
    public const string Analyst = "analyst";

    public static readonly IReadOnlyList<string> All = [Admin, Lead, Agent, Analyst];

    /// <summary>Roles that answer customers.</summary>
    public static bool CanWorkCases(string role) => role is Admin or Lead or Agent;

    /// <summary>Roles that change teams, routing and SLAs and read every report.</summary>
    public static bool CanManage(string role) => role is Admin or Lead;
}
