using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Earshot.Access;

/// <summary>Signs in API callers by personal token: `Authorization: Bearer esk_…`.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserAccounts accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var found = await accounts.FindByTokenAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (found is not { } pair)
            return AuthenticateResult.Fail("the token is unknown or revoked");
        return AuthenticateResult.Success(new AuthenticationTicket(EarshotClaims.For(pair.User, EarshotClaims.Bearer, pair.Scope), EarshotClaims.Bearer));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Sign in first",
            detail: "send `Authorization: Bearer <token>` (create one with `earshot tokens create EMAIL --name NAME`) or sign in at /login")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(statusCode: 403, title: "Not allowed", detail: "your role or token scope does not allow this").ExecuteAsync(Context);
    }
}
