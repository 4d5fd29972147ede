using System.Globalization;
using System.Text;
using Earshot.Core.Alerts.Detection;
using Earshot.Core.Alerts.Live;
using Earshot.Core.Pipeline;
using Earshot.Engine.Alerts;
using Earshot.Engine.Alerts.Delivery;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Alerts;

/// <summary>Settings and traffic shared by the alert tests: a detector that warms up in half an hour, fast retries.</summary>
public static class AlertTestSetup
{
    public const string Secret = "test-webhook-secret-0123456789";

    public static void Configure(IServiceCollection services, int? smtpPort = null)
    {
        services.AddSingleton(new AlertOptions
        {
            Watch = new WatchOptions
            {
                Detector = new DetectorOptions { Window = TimeSpan.FromMinutes(5), WarmUp = TimeSpan.FromMinutes(30), Seasonality = Seasonality.None },
            },
            TickInterval = TimeSpan.FromMilliseconds(500),
        });
        services.AddSingleton(new DeliveryOptions { FirstRetry = TimeSpan.FromMilliseconds(200), PollInterval = TimeSpan.FromMilliseconds(200), MaxAttempts = 4 });
        if (smtpPort is { } port)
        {
            services.PostConfigure<SmtpOptions>(o =>
            {
                o.Host = "127.0.0.1";
                o.Port = port;
                o.Security = "none";
                o.From = "alerts@earshot.test";
            });
        }
    }

    /// <summary>JSONL posts as a JSON array for POST /api/posts.</summary>
    public static string Posts(IEnumerable<(string Id, DateTime CreatedAt, string Text)> posts)
    {
        var json = new StringBuilder("[");
        foreach (var (id, createdAt, text) in posts)
        {
            if (json.Length > 1)
                json.Append(',');
            json.Append(CultureInfo.InvariantCulture, $$"""{"id": "{{id}}", "channel": "api", "author": "u{{id}}", "text": "{{text}}", "created_at": "{{createdAt:yyyy-MM-ddTHH:mm:ss.fffZ}}"}""");
        }
        return json.Append(']').ToString();
    }

    /// <summary>An hour and a half of calm traffic on "aurora", three posts a minute, ending five minutes ago.</summary>
    public static string Baseline(DateTime now) => Posts(Enumerable.Range(0, 85 * 3).Select(i =>
        ($"b{i}", now.AddMinutes(-90).AddSeconds(i * 20), $"aurora playlist number {i % 11} sounds nice")));

    public static string Burst(DateTime now, int count, string prefix = "s") => Posts(Enumerable.Range(0, count).Select(i =>
        ($"{prefix}{i}", now.AddMilliseconds(-i * 100), $"aurora is down again, terrible outage, I hate this {i}")));

    public static async Task WaitUntilPublishedAsync(TestApp app, int posts)
    {
        await using var db = app.Database.Target.CreateContext();
        await Wait.UntilAsync(async () => await db.Posts.CountAsync(p => p.Stage == (int)PipelineStep.Published) >= posts,
            $"{posts} posts went through the pipeline", seconds: 60);
    }
}
