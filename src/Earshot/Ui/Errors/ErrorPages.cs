using Microsoft.AspNetCore.Diagnostics;

namespace Earshot.Ui.Errors;

/// <summary>
/// Which failures people see as pages: a request outside <c>/api</c>, <c>/openapi</c> and <c>/healthz</c> that asks for
/// HTML (a browser's navigation or form post). Everything else keeps problem details, so API clients see no change.
/// </summary>
public static class ErrorPages
{
    public const string Path = "/error";

    public static bool ForPeople(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/openapi") && !context.Request.Path.StartsWithSegments("/healthz")
        && context.Request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Failed page requests re-run as <see cref="Path"/>; an exception there becomes the 500 page (or 404 for another workspace's row).</summary>
    public static IApplicationBuilder UseErrorPages(this IApplicationBuilder app, ExceptionHandlerOptions options)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = Path,
            StatusCodeSelector = options.StatusCodeSelector,
            SuppressDiagnosticsCallback = options.SuppressDiagnosticsCallback,
        });
        app.UseStatusCodePagesWithReExecute(Path, "?code={0}");
        return app;
    }
}
