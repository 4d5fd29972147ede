using System.Globalization;
using System.Text;
using Earshot.Connectors.Shared.Outbound;

namespace Earshot.Engine.Alerts.Delivery;

/// <summary>POSTs one delivery's stored body, signed at send time. Any 2xx is success; everything else is retried.</summary>
public sealed class WebhookSender(IHttpClientFactory http, TimeProvider clock)
{
    public const string HttpClientName = "earshot-webhooks";

    public sealed record Outcome(bool Delivered, int? StatusCode, string? Error);

    public async Task<Outcome> SendAsync(Guid deliveryId, string eventType, string url, string secret, string body, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, deliveryId.ToString());
        request.Headers.Add(WebhookSignature.EventHeader, eventType);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
                return new Outcome(true, (int)response.StatusCode, null);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var snippet = text.Length > 200 ? text[..200] + "…" : text;
            return new Outcome(false, (int)response.StatusCode, $"HTTP {(int)response.StatusCode}: {snippet}".TrimEnd(' ', ':'));
        }
        // The guard's words only (Shared/Outbound): refused, or could not reach, whatever the transport said, so a
        // delivery's error does not tell a closed port from an open one.
        catch (OutboundException error)
        {
            return new Outcome(false, null, error.Message);
        }
        catch (Exception error) when (error is HttpRequestException or IOException
            || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new Outcome(false, null, OutboundException.Unreachable(OutboundGuard.HostOf(request.RequestUri!)).Message);
        }
    }
}
