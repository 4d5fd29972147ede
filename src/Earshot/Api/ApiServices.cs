using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Earshot.Api;

public static class ApiServices
{
    public static IServiceCollection AddEarshotApi(this IServiceCollection services)
    {
        // A body that does not fit its endpoint's shape throws (instead of a bare 400), so the answer can name the field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = BodyProblems.NameTheField);
        services.AddOpenApi();
        services.AddSingleton<WebChatLimits>();
        services.AddScoped<SettingsAdmin>();
        services.ConfigureHttpJsonOptions(json =>
        {
            // The wire format is snake_case, like the JSONL post format.
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = null;
        });
        return services;
    }

    public static WebApplication UseEarshotErrors(this WebApplication app)
    {
        var options = new ExceptionHandlerOptions
        {
            // Reaching into a workspace that is not the caller's is answered like a missing row, so ids of other brands
            // cannot be told from ids that do not exist.
            StatusCodeSelector = error => error switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                Storage.Tenancy.WorkspaceAccessException => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status500InternalServerError,
            },
            // A client's mistake is answered, not logged as a failure of ours.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException or Storage.Tenancy.WorkspaceAccessException,
        };
        // People get pages in the layout; API clients get problem details, and client mistakes that reach the
        // framework (bad JSON, oversized bodies) become 4xx problem details, not 500s.
        app.UseWhen(Ui.Errors.ErrorPages.ForPeople, pages => Ui.Errors.ErrorPages.UseErrorPages(pages, options));
        app.UseWhen(context => !Ui.Errors.ErrorPages.ForPeople(context), api =>
        {
            api.UseExceptionHandler(options);
            api.UseStatusCodePages();
        });
        return app;
    }

    public static WebApplication MapEarshotApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthApi();
        app.MapPostsApi();
        app.MapPostAttachmentsApi();
        app.MapLearningApi();
        app.MapTopicsApi();
        app.MapChannelsApi();
        app.MapEventsApi();
        app.MapCasesApi();
        app.MapSettingsApi();
        app.MapReportsApi();
        app.MapInsightsApi();
        app.MapMeApi();
        app.MapSavedViewsApi();
        app.MapCustomersApi();
        app.MapSearchApi();
        app.MapIntakeApi();
        app.MapMetaPushApi();
        app.MapWebChatApi();
        app.MapAlertsApi();
        app.MapAlertWebhooksApi();
        app.MapWorkspacesApi();
        app.MapUsersApi();
        app.MapTeamsApi();
        app.MapAuditApi();
        return app;
    }
}
