using System.Security.Claims;
using Earshot.Core.Workspaces;

namespace Earshot.Access;

/// <summary>The claims Earshot puts on a signed-in user, and reading them back.</summary>
public static class EarshotClaims
{
    public const string Scope = "earshot:scope";
    /// <summary>The user's security stamp when the sign-in was issued; a cookie whose stamp is no longer the user's is refused.</summary>
    public const string StampClaim = "earshot:stamp";
    /// <summary>The language and time zone the user chose (absent: the browser's), read by every page they open.</summary>
    public const string LanguageClaim = "earshot:lang";
    public const string TimeZoneClaim = "earshot:tz";
    public const string Cookie = "Cookies";
    public const string Bearer = "Bearer";
    public const string Either = "CookieOrBearer";

    public static ClaimsPrincipal For(User user, string scheme, string scope)
    {
        List<Claim> claims =
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(ClaimTypes.Name, user.DisplayName),
            new Claim(ClaimTypes.Role, user.Role),
            new Claim(Scope, scope),
            new Claim(StampClaim, user.SecurityStamp),
        ];
        if (user.Language is { Length: > 0 } language)
            claims.Add(new Claim(LanguageClaim, language));
        if (user.TimeZone is { Length: > 0 } zone)
            claims.Add(new Claim(TimeZoneClaim, zone));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string? Stamp(this ClaimsPrincipal principal) => principal.FindFirstValue(StampClaim);

    public static string Role(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.Role) ?? "";

    public static string? TimeZone(this ClaimsPrincipal principal) => principal.FindFirstValue(TimeZoneClaim);

    public static bool CanWrite(this ClaimsPrincipal principal) => principal.FindFirstValue(Scope) != Core.Access.TokenScopes.Read;
}
