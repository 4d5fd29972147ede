using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Earshot.Channels.Pipeline;
using Earshot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>
/// Earshot served by Kestrel on 127.0.0.1 (a free port) over a test database, with intent methods for tests.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly bool _ownsDatabase;

    private TestApp(WebApplication app, TestDatabase database, Uri address, bool ownsDatabase)
    {
        _app = app;
        _ownsDatabase = ownsDatabase;
        Database = database;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public TestDatabase Database { get; }
    public Uri Address { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<TestApp> StartAsync(DatabaseKind kind, PostgresServer postgres, bool demo = false) =>
        await StartAsyncOver(await TestDatabase.CreateAsync(kind, postgres), demo);

    public static async Task<TestApp> StartAsync(DatabaseKind kind, PostgresServer postgres, Action<IServiceCollection> configure) =>
        await StartAsyncOver(await TestDatabase.CreateAsync(kind, postgres), false, configure);

    /// <summary>Starts over an existing database; the app takes ownership and disposes it unless told otherwise (a restart test).</summary>
    public static async Task<TestApp> StartAsyncOver(TestDatabase database, bool demo = false, Action<IServiceCollection>? configure = null, bool ownsDatabase = true)
    {
        var options = new ServeOptions(database.Target, "http://127.0.0.1:0", demo);
        var app = EarshotWebApp.Build(options, services =>
        {
            services.AddSingleton(new PipelineOptions
            {
                SweepInterval = TimeSpan.FromMilliseconds(500),
                BatchWindow = TimeSpan.FromMilliseconds(5),
            });
            configure?.Invoke(services);
        });
        await EarshotWebApp.PrepareAsync(app, options, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestApp(app, database, new Uri(address), ownsDatabase);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDatabase)
            await Database.DisposeAsync();
    }
}
