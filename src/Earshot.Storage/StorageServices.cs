using Earshot.Storage.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.Storage;

public static class StorageServices
{
    public static IServiceCollection AddEarshotStorage(this IServiceCollection services, DatabaseTarget target)
    {
        var factory = new EarshotDbContextFactory(target);
        services.AddSingleton(target);
        services.AddSingleton(factory);
        services.AddSingleton<IDbContextFactory<EarshotDbContext>>(factory);
        services.AddScoped(_ => factory.CreateDbContext());
        services.AddSingleton(sp => new PostWriters(target, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
