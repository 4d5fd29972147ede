using System.Net;

namespace Earshot.Connectors.X;

/// <summary>Turns an X error answer into a <see cref="ConnectorException"/> that waits as X documents.</summary>
internal static class XHttp
{
    public static async Task ThrowOnFailureAsync(HttpResponseMessage response, int failures, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        await ThrowOnFailureAsync(response, await response.Content.ReadAsStringAsync(cancellationToken), failures);
    }

    public static Task ThrowOnFailureAsync(HttpResponseMessage response, string body, int failures)
    {
        if (response.IsSuccessStatusCode)
            return Task.CompletedTask;
        var error = XErrors.Classify((int)response.StatusCode, body);
        var wait = response.StatusCode == HttpStatusCode.TooManyRequests
            ? XReconnect.Delay(XFailure.RateLimited, failures + 1)
            : XReconnect.Delay(XFailure.Http, failures + 1);
        throw new ConnectorException($"X answered {(int)response.StatusCode}: {error.Message}", wait);
    }
}
