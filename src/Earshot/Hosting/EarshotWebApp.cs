using Earshot.Api;
using Earshot.Cases;
using Earshot.Connectors;
using Earshot.Digests;
using Earshot.Engine;
using Earshot.Ui;
using Microsoft.AspNetCore.DataProtection;

namespace Earshot.Hosting;

public sealed record ServeOptions(DatabaseTarget Database, string Urls, bool Demo = false)
{
    public string? ContentRoot { get; init; }

    /// <summary>With the demo: keep new customer posts arriving while it runs (the command line's demo does; tests' do not).</summary>
    public bool LiveDemo { get; init; }
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
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information)
            // Keys sit in the data directory with file permissions of their own; there is no machine-wide encryptor on Linux.
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        if (options.Demo)
            builder.Services.AddSingleton(new Demo.DemoClock(TimeProvider.System)).AddSingleton<TimeProvider>(sp => sp.GetRequiredService<Demo.DemoClock>());
        else
            builder.Services.AddSingleton(TimeProvider.System);
        // On SQLite the server copies the WAL into the database file itself, off the commit path.
        var sqlite = options.Database.Provider == DatabaseProvider.Sqlite;
        builder.Services.AddEarshotStorage(options.Database with { CheckpointsInBackground = sqlite });
        if (sqlite)
            builder.Services.AddHostedService<WalCheckpointer>();
        builder.Services.AddDataProtection()
            .PersistKeysToFileSystem(Connectors.SecretBox.KeyDirectory(options.Database))
            .SetApplicationName("earshot");
        builder.Services.AddSingleton<Connectors.SecretBox>();
        builder.Services.AddEarshotEngine(builder.Configuration);
        builder.Services.AddEarshotAccess();
        builder.Services.AddEarshotForwardedHeaders(builder.Configuration);
        builder.Services.AddEarshotApi();
        builder.Services.AddEarshotUi();
        if (options.Demo && options.LiveDemo)
            builder.Services.AddSingleton(Demo.DemoTrickle.Pace.Live).AddHostedService<Demo.DemoTrickle>();
        builder.Services.AddEarshotInbox();
        builder.Services.AddEarshotDigests(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        // First, so that everything after sees the client's scheme and address as the trusted proxy gave them.
        app.UseForwardedHeaders();
        app.UseEarshotSecurityHeaders();
        app.UseEarshotErrors();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseEarshotAccess();
        app.UseEarshotLanguages();
        app.UseAntiforgery();
        app.MapEarshotApi();
        app.MapEarshotUi();
        app.MapEarshotInbox();
        return app;
    }

    /// <summary>
    /// Applies migrations, makes sure the default workspace exists (no request creates one), and seeds the demo before
    /// the app starts serving. Returns the demo logins to print (none without --demo).
    /// </summary>
    public static async Task<IReadOnlyList<string>> PrepareAsync(WebApplication app, ServeOptions options, CancellationToken cancellationToken)
    {
        await Migrator.MigrateAsync(options.Database, cancellationToken);
        await app.Services.GetRequiredService<Engine.Workspaces.WorkspaceDirectory>()
            .GetOrCreateWorkspaceAsync(Engine.Workspaces.WorkspaceDirectory.DefaultWorkspace, cancellationToken);
        return options.Demo ? await Demo.DemoSeeder.SeedAsync(app.Services, cancellationToken) : [];
    }
}
