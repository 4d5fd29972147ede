using Earshot.Connectors.Shared.Outbound;
using Earshot.Engine.Alerts.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.Engine.Alerts;

public static class AlertServices
{
    /// <summary>Live detection (the monitor behind <see cref="AlertStage"/>, and a ticker) and delivery (outbound webhooks, e-mail) of alerts.</summary>
    public static IServiceCollection AddEarshotAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new AlertOptions());
        services.AddSingleton(new DeliveryOptions());
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section))
            .Validate(o => o.Port is > 0 and <= 65535, "Earshot:Smtp:Port must be 1-65535").ValidateOnStart();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<AlertWriter>();
        services.AddSingleton<AlertMonitor>();
        services.AddHostedService<AlertTicker>();
        services.AddEarshotOutbound();
        services.AddHttpClient(WebhookSender.HttpClientName, (sp, client) =>
        {
            client.Timeout = sp.GetRequiredService<DeliveryOptions>().RequestTimeout;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Earshot-Webhooks/1.0");
        })
        // A redirect would turn the POST into a GET elsewhere; the receiver should be configured with its final URL.
        // The handler is the guarded one (OutboundHttp), changed rather than replaced.
        .ConfigurePrimaryHttpMessageHandler((handler, _) => ((SocketsHttpHandler)handler).AllowAutoRedirect = false);
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<WebhookRegistry>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<AlertActions>();
        services.AddSingleton<IncidentCases>();
        services.AddHostedService<DeliveryDispatcher>();
        return services;
    }
}
