using System.Net;
using Earshot.Engine.Alerts.Delivery;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Alerts;

public sealed class AlertDeliveryTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task NegativeBurst_OnATeamsTopic_ReachesTheWebhookOnceSigned_AndTheTeamByEmail(DatabaseKind kind)
    {
        await using var smtp = new SmtpListener();
        await using var receiver = await WebhookReceiver.StartAsync(failures: 2);
        await using var app = await TestApp.StartAsync(kind, postgres, services => AlertTestSetup.Configure(services, smtp.Port));
        var topic = await app.PostJsonAsync("/api/topics", """{"name": "Aurora", "query": "aurora", "team": "care", "alert_email": "care@example.com"}""");
        Assert.Equal(HttpStatusCode.Created, topic.StatusCode);
        var added = await app.Services.GetRequiredService<WebhookRegistry>()
            .AddAsync(null, receiver.Url, AlertTestSetup.Secret, "alert.opened", "care", "generic", TestContext.Current.CancellationToken);
        Assert.NotNull(added.Webhook);

        var now = DateTime.UtcNow;
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostJsonAsync("/api/posts", AlertTestSetup.Baseline(now))).StatusCode);
        await AlertTestSetup.WaitUntilPublishedAsync(app, 255);
        Assert.Empty(receiver.Requests);
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostJsonAsync("/api/posts", AlertTestSetup.Burst(now, 150))).StatusCode);

        await Wait.UntilAsync(() => Task.FromResult(receiver.Requests.Any(r => r.Answered == 200)), "the webhook accepted an alert");
        await Wait.UntilAsync(() => Task.FromResult(!smtp.Messages.IsEmpty), "the team's alert e-mail arrived");
        await Task.Delay(1_500, TestContext.Current.CancellationToken); // room for a duplicate, if there were one

        var requests = receiver.Requests.ToList();
        Assert.True(requests.Count >= 3, $"500, 500, then 200: {requests.Count} requests");
        Assert.All(requests, r => Assert.True(
            WebhookSignature.Verify(AlertTestSetup.Secret, r.Timestamp, r.Signature, r.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
            $"signature of {r.Body}"));
        var accepted = requests.Where(r => r.Answered == 200).ToList();
        Assert.All(accepted, r => Assert.Equal("alert.opened", r.Event));
        var alertIds = accepted.Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("alert").GetProperty("id").GetGuid()).ToList();
        Assert.Equal(alertIds.Distinct().Count(), alertIds.Count); // each alert opened exactly once
        Assert.Equal(accepted.Select(r => r.Delivery).Distinct().Count(), accepted.Count);
        var first = System.Text.Json.JsonDocument.Parse(accepted[0].Body).RootElement;
        Assert.Equal("Aurora", first.GetProperty("alert").GetProperty("topic").GetString());
        Assert.NotEmpty(first.GetProperty("alert").GetProperty("examples").EnumerateArray());

        var mail = smtp.Messages.First();
        Assert.Contains("care@example.com", mail.To);
        Assert.Contains("Aurora", mail.Data);

        var open = await app.GetJsonAsync("/api/alerts?status=open");
        var alert = Assert.Single(open.EnumerateArray(), a => a.GetProperty("kind").GetString() == "volume-spike");
        // The alert opens as soon as the first part of the burst is through; the chart fills as the rest arrives.
        var detail = default(System.Text.Json.JsonElement);
        await Wait.UntilAsync(async () =>
        {
            detail = await app.GetJsonAsync($"/api/alerts/{alert.GetProperty("id").GetGuid()}");
            // The burst's 150 posts span 15 s, so they may straddle a minute boundary: look at two minutes together.
            var minutes = detail.GetProperty("series").EnumerateArray().Select(m => m.GetProperty("posts").GetInt32()).ToList();
            return minutes.Zip(minutes.Skip(1), (a, b) => a + b).Any(pair => pair >= 150);
        }, "the burst's minutes in the alert's chart");
        Assert.NotEmpty(detail.GetProperty("example_posts").EnumerateArray());
    }
}
