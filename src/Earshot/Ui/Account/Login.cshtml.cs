using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace Earshot.Ui.Account;

/// <summary>Sign-in with e-mail and password: throttled per address, locked per account after repeated failures.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccessServices.LoginLimit)]
public sealed class LoginModel(UserAccounts accounts) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your e-mail address.")] public string? Email { get; set; }
    [BindProperty, Required(ErrorMessage = "Enter your password.")] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return Page();
        var (result, user) = await accounts.CheckPasswordAsync(Email!, Password!, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (result == UserAccounts.SignInResult.Locked)
        {
            ModelState.AddModelError("", $"Too many failed attempts: this account is locked for {UserAccounts.Lockout.TotalMinutes:0} minutes.");
            return Page();
        }
        if (user is null)
        {
            ModelState.AddModelError("", "That e-mail and password do not match an account.");
            return Page();
        }
        await HttpContext.SignInAsync(EarshotClaims.Cookie, EarshotClaims.For(user, EarshotClaims.Cookie, Core.Access.TokenScopes.Write));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/inbox");
    }
}
