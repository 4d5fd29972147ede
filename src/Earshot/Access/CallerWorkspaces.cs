using Earshot.Storage.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace Earshot.Access;

/// <summary>
/// Puts the signed-in caller's workspaces in force for the rest of the request, so every query below it (handlers,
/// pages, hubs, services they call) is filtered by <see cref="WorkspaceScope"/> without asking. Admins see every
/// workspace. Anonymous endpoints (signed webhooks, the web chat's visitors, the sign-in form) act for the system,
/// whoever's cookie rides along.
/// </summary>
internal static class CallerWorkspaces
{
    public static async Task RestrictAsync(HttpContext context, RequestDelegate next)
    {
        var anonymous = context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        if (anonymous || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }
        var scope = context.RequestServices.GetRequiredService<AccessScope>();
        if (await scope.WorkspaceIdsAsync(context.RequestAborted) is not { } workspaces)
        {
            await next(context);
            return;
        }
        using (WorkspaceScope.RestrictTo(scope.UserId, workspaces))
            await next(context);
    }
}
