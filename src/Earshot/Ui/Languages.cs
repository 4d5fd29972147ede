using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Earshot.Ui;

/// <summary>
/// The languages the pages speak: the one the user chose (a claim of their sign-in), else the browser's
/// Accept-Language, else English. Times follow the user's chosen zone the same way (see local-times.js).
/// </summary>
public static class Languages
{
    public static readonly IReadOnlyList<string> Supported = ["en", "de"];

    public static IServiceCollection AddEarshotLanguages(this IServiceCollection services) =>
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Supported.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(context =>
                    Task.FromResult(context.User.FindFirst(Access.EarshotClaims.LanguageClaim)?.Value is { } chosen ? new ProviderCultureResult(chosen) : null)),
                new CustomRequestCultureProvider(context => Task.FromResult(FromBrowser(context.Request))),
            ];
        });

    /// <summary>
    /// The browser's most wanted language that the pages speak, by its language part ("de-AT" is German). Cultures are
    /// names only here (invariant globalization), so the framework cannot walk from "de-AT" to "de" itself.
    /// </summary>
    private static ProviderCultureResult? FromBrowser(HttpRequest request)
    {
        var wanted = request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1);
        foreach (var language in wanted)
        {
            var name = language.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (name is not null && Supported.Contains(name))
                return new ProviderCultureResult(name);
        }
        return null;
    }

    /// <summary>After authentication, so the user's own choice is known.</summary>
    public static WebApplication UseEarshotLanguages(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }
}
