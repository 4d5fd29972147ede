using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Account;

/// <summary>
/// Where an invitation or password-reset link leads: the person chooses a password (the same rules as everywhere),
/// which uses the link up, and then signs in with it. Anonymous; the token in the link is the only credential.
/// </summary>
[AllowAnonymous]
public sealed class SetPasswordModel(PeopleAdmin people, IStringLocalizer<AccountStrings> strings) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirm { get; set; }
    public string? Email { get; private set; }
    public string? Problem { get; private set; }
    public bool Done { get; private set; }
    public bool Usable { get; private set; }

    public string Text(string key, params object[] values) => strings[key, values];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await CheckAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Password != Confirm)
        {
            await CheckAsync(cancellationToken);
            return Refused(Text("SetConfirm"), Text("SetMismatch"));
        }
        var (email, refusal) = await people.SetPasswordAsync(Token, Password, cancellationToken);
        if (refusal is not null)
        {
            await CheckAsync(cancellationToken);
            return Refused(Text("Field." + refusal.Field), PhraseStrings.Say(refusal.Message));
        }
        Email = email;
        Done = true;
        return Page();
    }

    private IActionResult Refused(string label, string message)
    {
        Problem = Text("Problem", label, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var (state, email) = await people.CheckLinkAsync(Token, cancellationToken);
        Usable = state == PeopleAdmin.LinkState.Usable;
        Email = email;
        if (!Usable && Problem is null)
            Problem = Text(state == PeopleAdmin.LinkState.Expired ? "LinkExpired" : "LinkUnknown");
    }
}
