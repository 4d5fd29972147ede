using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Earshot.Access;

/// <summary>
/// The authorization policy a page handler needs beyond its page's (Razor Pages cannot put [Authorize] on a
/// handler): checked for every handler by <see cref="HandlerPolicyFilter"/> with the same policies as the API, so
/// pages never re-write role checks.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HandlerPolicyAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

/// <summary>Answers 403 (the error page, in place) before a handler runs whose <see cref="HandlerPolicyAttribute"/> the caller does not meet.</summary>
internal sealed class HandlerPolicyFilter(IAuthorizationService authorization) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod?.MethodInfo.GetCustomAttribute<HandlerPolicyAttribute>() is { } required
            && !(await authorization.AuthorizeAsync(context.HttpContext.User, required.Policy)).Succeeded)
        {
            context.Result = new ForbidResult();
            return;
        }
        await next();
    }
}
