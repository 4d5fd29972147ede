namespace Earshot.Ui;

public static class UiServices
{
    public static IServiceCollection AddEarshotUi(this IServiceCollection services)
    {
        // Pages live beside their feature under Ui/ rather than in the default Pages/ folder.
        // The pages are compiled into this assembly, which is not the entry assembly under a test host.
        // Page strings live in .resx files beside their page (IStringLocalizer<PageStrings>).
        services.AddLocalization();
        services.AddEarshotLanguages();
        services.AddRazorPages(options => options.RootDirectory = "/Ui")
            .AddApplicationPart(typeof(UiServices).Assembly)
            .AddMvcOptions(options => options.Filters.Add<Access.HandlerPolicyFilter>());
        return services;
    }

    public static WebApplication MapEarshotUi(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/mentions")).ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }
}
