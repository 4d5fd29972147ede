using Microsoft.AspNetCore.Authentication;

namespace Earshot.Ui.Account;

/// <summary>Signs out (a POST, with the anti-forgery token, so another site cannot sign you out).</summary>
public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/inbox");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(EarshotClaims.Cookie);
        return Redirect("/login");
    }
}
