using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Earshot.Access;

/// <summary>
/// Checks a sign-in cookie on every request against the user as stored now: the user must still exist, be active
/// and have the security stamp the cookie was issued with (a new role, a new password, a sign-out anywhere or a
/// deactivation gives them a new one). The claims are then rebuilt from the database, so a demoted user's cookie
/// carries the new role even before their stamp changes. One primary-key read per request and no cache, so
/// revocation takes effect on the next request.
/// </summary>
internal static class SignInRevocation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal ?? new ClaimsPrincipal();
        var accounts = context.HttpContext.RequestServices.GetRequiredService<UserAccounts>();
        var user = principal.UserId() is { } id ? await accounts.FindAsync(id, context.HttpContext.RequestAborted) : null;
        if (user is null || user.DeactivatedAt is not null || !SameStamp(principal.Stamp(), user.SecurityStamp))
        {
            // Unauthenticated from here on: the API answers 401, pages send the browser to /login.
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(EarshotClaims.Cookie);
            return;
        }
        var scope = principal.FindFirstValue(EarshotClaims.Scope) ?? Core.Access.TokenScopes.Write;
        context.ReplacePrincipal(EarshotClaims.For(user, EarshotClaims.Cookie, scope));
    }

    private static bool SameStamp(string? claimed, string stored) =>
        claimed is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(claimed), Encoding.UTF8.GetBytes(stored));
}
