namespace Earshot.Cases;

public static class InboxServices
{
    public static IServiceCollection AddEarshotInbox(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<PresenceTracker>();
        services.AddScoped<CaseLists>();
        services.AddScoped<SavedViews>();
        services.AddHostedService<CaseEventsRelay>();
        return services;
    }

    public static WebApplication MapEarshotInbox(this WebApplication app)
    {
        app.MapHub<CaseHub>(CaseHub.Path);
        return app;
    }
}
