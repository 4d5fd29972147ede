using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Errors;

/// <summary>
/// The page people see when a page request fails: 404, 403, 400 and 500 in the layout, with a way back. Requests to
/// <c>/api</c>, and any that do not ask for HTML, keep their RFC 7807 problem details (<see cref="ErrorPages"/> decides).
/// Reached by re-execution, so it answers any method and never checks an anti-forgery token.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<ErrorStrings> strings) : PageModel
{
    public int Code { get; private set; }

    public string Heading { get; private set; } = "";

    public string Text { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        // Opened directly, the address names no failure: say so as a page that is not there.
        Code = reExecuted ? code ?? Response.StatusCode : StatusCodes.Status404NotFound;
        Response.StatusCode = Code;
        var known = Code is 400 or 403 or 404 or 500 ? Code.ToString(CultureInfo.InvariantCulture) : "Other";
        Heading = strings["Title" + known];
        Text = strings["Text" + known];
    }
}
