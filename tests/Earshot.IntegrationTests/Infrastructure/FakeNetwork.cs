using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>One request as the fake network received it.</summary>
public sealed record ReceivedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    public IReadOnlyDictionary<string, string> Form() =>
        Body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");
}

/// <summary>An answer of the fake network: a status, a body (a fixture's bytes) and its content type and headers.</summary>
public sealed record FakeAnswer(int Status, string Body, string ContentType = "application/json; charset=utf-8", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A third-party API on 127.0.0.1 that records every request (path, headers, body) and answers as the test says,
/// so tests check the real request shape a sender produced.
/// </summary>
public sealed class FakeNetwork : IAsyncDisposable
{
    private readonly List<ReceivedRequest> _requests = [];
    private WebApplication _app = null!;

    public Uri Address { get; private set; } = null!;
    public IReadOnlyList<ReceivedRequest> Requests { get { lock (_requests) return [.. _requests]; } }

    public static async Task<FakeNetwork> StartAsync(Func<ReceivedRequest, FakeAnswer> answer)
    {
        var network = new FakeNetwork();
        (network._app, network.Address) = await LocalServer.StartAsync(app => app.Map("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new ReceivedRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), await reader.ReadToEndAsync());
            lock (network._requests)
                network._requests.Add(request);
            var reply = answer(request);
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
                context.Response.Headers[name] = value;
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = reply.ContentType;
            await context.Response.WriteAsync(reply.Body);
        }));
        return network;
    }

    public static string Fixture(string path) => File.ReadAllText(SharedData.RequireFixture(path));

    /// <summary>The body of a recorded *.http message (after the blank line), or its headers.</summary>
    public static (IReadOnlyDictionary<string, string> Headers, string Body) HttpFixture(string path)
    {
        var text = Fixture(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var headers = head.Split('\n').Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return (headers, split < 0 ? "" : text[(split + 2)..]);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
