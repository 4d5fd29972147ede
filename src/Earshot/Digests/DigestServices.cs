namespace Earshot.Digests;

public static class DigestServices
{
    public static IServiceCollection AddEarshotDigests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DigestOptions>().Bind(configuration.GetSection(DigestOptions.Section))
            .Validate(o => Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps),
                "Earshot:Digest:PublicUrl must be an absolute http:// or https:// address")
            .Validate(o => o.Interval > TimeSpan.Zero && o.CatchUp > TimeSpan.Zero, "Earshot:Digest:Interval and CatchUp must be positive")
            .ValidateOnStart();
        services.AddSingleton<DigestText>();
        services.AddSingleton<DigestWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestWorker>());
        return services;
    }
}
