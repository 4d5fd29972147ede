using System.Threading.RateLimiting;
using Earshot.Core.Workspaces;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace Earshot.Access;

/// <summary>
/// Sign-in and permissions: cookies for the web pages, personal bearer tokens for the API, role policies, login
/// throttling, and anti-forgery checks on cookie-authenticated API writes.
/// </summary>
public static class AccessServices
{
    public const string WorkCases = "work-cases";
    public const string Manage = "manage";
    public const string AdminOnly = "admin";
    public const string LoginLimit = "login";

    public static IServiceCollection AddEarshotAccess(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<PeopleAdmin>();
        services.AddScoped<AccessScope>();
        services.AddSingleton(new SignInLimits());
        services.AddScoped<WorkspaceResolver>();
        services.AddAuthentication(EarshotClaims.Either)
            .AddPolicyScheme(EarshotClaims.Either, "cookie or bearer token", scheme => scheme.ForwardDefaultSelector = context =>
                // Tokens are for programs: they sign in to the API and the hubs only, never to the pages, whose forms
                // would otherwise let a token act beyond its scope.
                IsProgramInterface(context.Request.Path) && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? EarshotClaims.Bearer
                    : EarshotClaims.Cookie)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(EarshotClaims.Bearer, null)
            .AddCookie(EarshotClaims.Cookie, cookie =>
            {
                cookie.LoginPath = "/login";
                cookie.LogoutPath = "/logout";
                cookie.Cookie.Name = "earshot";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the request is HTTPS, including behind a trusted proxy (SecurityHeaders' forwarded headers).
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.SlidingExpiration = true;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                // The API answers with a status, not a redirect to a page a script cannot use.
                // Every request re-reads the user: a revoked sign-in ends at once, and the role is the stored one.
                cookie.Events.OnValidatePrincipal = SignInRevocation.ValidateAsync;
                cookie.Events.OnRedirectToLogin = context => ApiOrRedirect(context, 401, "Sign in first", "send a bearer token or sign in at /login");
                // Refused where it was asked: a page answers 403 in place, so the error page (in the layout) says so
                // at the address the person asked for, as a handler's own refusal does.
                cookie.Events.OnRedirectToAccessDenied = context => IsProgramInterface(context.Request.Path)
                    ? Problem(context.HttpContext, 403, "Not allowed", "your role does not allow this")
                    : Refuse(context.HttpContext);
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(WorkCases, policy => policy.RequireRole(Roles.Admin, Roles.Lead, Roles.Agent))
            .AddPolicy(Manage, policy => policy.RequireRole(Roles.Admin, Roles.Lead))
            .AddPolicy(AdminOnly, policy => policy.RequireRole(Roles.Admin));
        services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A few attempts a minute per address slows guessing; the per-account lockout stops it.
            limits.AddPolicy(LoginLimit, context => HttpMethods.IsGet(context.Request.Method) ? RateLimitPartition.GetNoLimiter("form") : RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<SignInLimits>().AttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        return services;
    }

    public static WebApplication UseEarshotAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.Use(RefuseUnsafeApiCallsAsync);
        app.Use(CallerWorkspaces.RestrictAsync);
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// A read-only token may not change anything, and a browser's cookie may only change something when the page
    /// sent the anti-forgery token too (a bearer token cannot be sent by another site, a cookie can).
    /// </summary>
    private static async Task RefuseUnsafeApiCallsAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        // Anonymous endpoints (signed webhooks, the web chat's visitor calls) never act as the caller, so a cookie that
        // happens to ride along gives a forged request nothing: no anti-forgery check, which visitors could not pass.
        var anonymous = context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        if (unsafeMethod && !anonymous && context.User.Identity?.IsAuthenticated == true)
        {
            // A read-only sign-in changes nothing on any path. The hubs are the exception: their POSTs only open the
            // connection, and their methods only announce who is looking at a case.
            if (!context.User.CanWrite() && !request.Path.StartsWithSegments("/hubs"))
            {
                await Problem(context, 403, "Read-only token", "this token has the read scope; create one with --scope write to make changes");
                return;
            }
            if (request.Path.StartsWithSegments("/api") && context.User.Identity.AuthenticationType == EarshotClaims.Cookie)
            {
                var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    await Problem(context, 400, "Missing anti-forgery token", "send the page's token in the RequestVerificationToken header");
                    return;
                }
            }
        }
        await next(context);
    }

    private static bool IsProgramInterface(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status, string title, string detail)
    {
        if (!IsProgramInterface(context.Request.Path))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        return Problem(context.HttpContext, status, title, detail);
    }

    private static Task Refuse(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static Task Problem(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
    }
}
