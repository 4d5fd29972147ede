namespace Earshot.Core.Workspaces;

/// <summary>Someone who signs in: an admin, lead, agent or analyst (see <see cref="Roles"/>).</summary>
public sealed class User
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Email { get; set; }
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = Roles.Agent;
    public string? PasswordHash { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Open cases an agent may hold at once; automatic assignment and "next case" respect it.</summary>
    public int Capacity { get; set; } = 10;
    /// <summary>Whether automatic assignment may give this agent new cases now.</summary>
    public bool Available { get; set; } = true;
    public int FailedLogins { get; set; }
    public DateTime? LockedUntil { get; set; }
    /// <summary>
    /// Changes whenever the user's sign-ins must end (role change, sign-out, deactivation, new password); every
    /// request's sign-in carries the stamp it was issued with and is refused once they differ.
    /// </summary>
    public string SecurityStamp { get; set; } = NewSecurityStamp();
    /// <summary>When an admin deactivated the account: it can no longer sign in or use its tokens.</summary>
    public DateTime? DeactivatedAt { get; set; }
    /// <summary>When they last signed in with their password (null: never).</summary>
    public DateTime? LastSignInAt { get; set; }
    /// <summary>
    /// The SHA-256 of the one outstanding set-password link (an invitation or a reset), or null. A new link replaces
    /// it; using it clears it, so each link works once.
    /// </summary>
    public string? SetPasswordTokenHash { get; set; }
    public DateTime? SetPasswordTokenExpiresAt { get; set; }
    /// <summary>The language the pages speak to them ("en", "de"); null follows the browser.</summary>
    public string? Language { get; set; }
    /// <summary>The IANA time zone pages show times in ("Europe/Berlin"); null follows the browser.</summary>
    public string? TimeZone { get; set; }
    /// <summary>Whether they asked for the weekly digest e-mail; only leads, analysts and admins receive it.</summary>
    public bool WeeklyDigest { get; set; }

    /// <summary>Roles the weekly digest is for: those who read reports rather than work a queue.</summary>
    public static bool MayReceiveDigest(string role) => role is Roles.Admin or Roles.Lead or Roles.Analyst;

    public static string NewSecurityStamp() => Guid.NewGuid().ToString("N");
}
