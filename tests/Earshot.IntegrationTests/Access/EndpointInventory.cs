using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Access;

/// <summary>
/// Everything a caller can reach, read from the running app: each API endpoint (method and route pattern, from the
/// endpoint data source) and each Razor page handler (from the page models' On{Verb}{Handler} methods), keyed the
/// way the authorization matrix names them: "GET /api/cases/{id:guid}", "POST /cases/{id:guid}?handler=Reply".
/// </summary>
internal static class EndpointInventory
{
    public static IReadOnlyList<string> Of(IServiceProvider services)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is { } page)
            {
                // An Index page answers at "/topics" and "/topics/index"; the matrix names the shorter.
                if (!pages.TryGetValue(page.ViewEnginePath, out var known) || route.Length < known.Length)
                    pages[page.ViewEnginePath] = route;
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
            foreach (var method in methods)
                keys.Add($"{method} {route}");
        }
        var models = typeof(Earshot.Ui.UiServices).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t)).ToList();
        foreach (var (viewPath, route) in pages)
        {
            // Ui/Topics/Index.cshtml is Earshot.Ui.Topics.IndexModel.
            var typeName = "Earshot.Ui." + viewPath.Trim('/').Replace('/', '.') + "Model";
            // A page without a model only answers GET.
            var model = models.SingleOrDefault(t => t.FullName == typeName);
            var handlers = (model?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly) ?? [])
                .Select(m => HandlerOf(m.Name)).OfType<(string Verb, string Name)>().ToList();
            if (!handlers.Any(h => h.Verb == "GET"))
                handlers.Add(("GET", ""));
            foreach (var (verb, name) in handlers.Distinct())
                keys.Add($"{verb} {route}" + (name.Length > 0 ? "?handler=" + name : ""));
        }
        return [.. keys];
    }

    private static (string Verb, string Name)? HandlerOf(string method)
    {
        if (!method.StartsWith("On", StringComparison.Ordinal))
            return null;
        var rest = method[2..];
        if (rest.EndsWith("Async", StringComparison.Ordinal))
            rest = rest[..^5];
        foreach (var verb in new[] { "Get", "Post", "Put", "Delete", "Patch" })
        {
            if (rest.StartsWith(verb, StringComparison.Ordinal))
                return (verb.ToUpperInvariant(), rest[verb.Length..]);
        }
        return null;
    }
}
