using Earshot.Api;
using Earshot.Channels;
using Earshot.Storage;
using Earshot.Ui;

namespace Earshot.Hosting;

public sealed record ServeOptions(DatabaseTarget Database, string Urls, bool Demo = false)
{
    public string? ContentRoot { get; init; }
}

/// <summary>Builds the web host: API, pages and the pipeline, over one database.</summary>
public static class EarshotWebApp
{
    public static WebApplication Build(ServeOptions options, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = options.ContentRoot ?? AppContext.BaseDirectory,
            WebRootPath = Path.Combine(options.ContentRoot ?? AppContext.BaseDirectory, "wwwroot"),
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddEarshotStorage(options.Database);
        builder.Services.AddEarshotPipeline();
        builder.Services.AddEarshotApi();
        builder.Services.AddEarshotUi();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseEarshotErrors();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAntiforgery();
        app.MapEarshotApi();
        app.MapEarshotUi();
        return app;
    }

    /// <summary>Applies migrations (and seeds the demo) before the app starts serving.</summary>
    public static async Task PrepareAsync(WebApplication app, ServeOptions options, CancellationToken cancellationToken)
    {
        await Migrator.MigrateAsync(options.Database, cancellationToken);
        if (options.Demo)
            await Demo.DemoSeeder.SeedAsync(app.Services, cancellationToken);
    }
}
