using Microsoft.AspNetCore.Authentication;

namespace Earshot.Ui.Account;

/// <summary>
/// Signs out (a POST, with the anti-forgery token, so another site cannot sign you out) everywhere at once: the
/// user's security stamp changes, so a copy of this cookie, or another browser's, stops working too.
/// </summary>
public sealed class LogoutModel(UserAccounts accounts) : PageModel
{
    public IActionResult OnGet() => Redirect("/inbox");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.UserId() is { } userId)
            await accounts.SignOutEverywhereAsync(userId, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        await HttpContext.SignOutAsync(EarshotClaims.Cookie);
        return Redirect("/login");
    }
}
