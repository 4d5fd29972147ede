using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Account;

/// <summary>Sign-in with e-mail and password: throttled per address, locked per account after repeated failures.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccessServices.LoginLimit)]
public sealed class LoginModel(UserAccounts accounts, IStringLocalizer<AccountStrings> strings) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Checked here rather than with [Required], whose message would not be translated.
        if (string.IsNullOrWhiteSpace(Email))
            ModelState.AddModelError(nameof(Email), strings["EmailRequired"]);
        if (string.IsNullOrWhiteSpace(Password))
            ModelState.AddModelError(nameof(Password), strings["PasswordRequired"]);
        if (!ModelState.IsValid)
            return Page();
        var (result, user) = await accounts.CheckPasswordAsync(Email!, Password!, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (result == UserAccounts.SignInResult.Locked)
        {
            ModelState.AddModelError("", strings["Locked", UserAccounts.Lockout.TotalMinutes]);
            return Page();
        }
        if (user is null)
        {
            ModelState.AddModelError("", strings["NoMatch"]);
            return Page();
        }
        await HttpContext.SignInAsync(EarshotClaims.Cookie, EarshotClaims.For(user, EarshotClaims.Cookie, Core.Access.TokenScopes.Write));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : LandingPage(user.Role));
    }

    /// <summary>Leads and analysts start on what the stream says; agents and admins on the inbox.</summary>
    public static string LandingPage(string role) => role is Core.Workspaces.Roles.Lead or Core.Workspaces.Roles.Analyst ? "/insights" : "/inbox";
}
