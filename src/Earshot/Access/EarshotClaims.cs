using System.Security.Claims;
using Earshot.Core.Workspaces;

namespace Earshot.Access;

/// <summary>The claims Earshot puts on a signed-in user, and reading them back.</summary>
public static class EarshotClaims
{
    public const string Scope = "earshot:scope";
    /// <summary>The user's security stamp when the sign-in was issued; a cookie whose stamp is no longer the user's is refused.</summary>
    public const string StampClaim = "earshot:stamp";
    public const string Cookie = "Cookies";
    public const string Bearer = "Bearer";
    public const string Either = "CookieOrBearer";

    public static ClaimsPrincipal For(User user, string scheme, string scope) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(ClaimTypes.Name, user.DisplayName),
            new Claim(ClaimTypes.Role, user.Role),
            new Claim(Scope, scope),
            new Claim(StampClaim, user.SecurityStamp),
        ],
        scheme, ClaimTypes.Name, ClaimTypes.Role));

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string? Stamp(this ClaimsPrincipal principal) => principal.FindFirstValue(StampClaim);

    public static string Role(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.Role) ?? "";

    public static bool CanWrite(this ClaimsPrincipal principal) => principal.FindFirstValue(Scope) != Core.Access.TokenScopes.Read;
}
