using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Earshot.Core.Alerts.Detection;
using Earshot.Core.Alerts.Live;
using Earshot.Core.Pipeline;
using Earshot.Engine.Alerts;
using Earshot.Engine.Alerts.Delivery;
using Earshot.Engine.Pipeline;
using Earshot.Hosting;
using Earshot.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Earshot.Benchmarks.Alerts;

/// <summary>
/// `alert-latency`: the whole app in-process over SQLite (or `--db` PostgreSQL), background traffic POSTed at
/// `--rate` posts/s on a busy topic, and `--trials` bursts, each on its own topic with 85 minutes of calm history
/// (a topic per trial, because an alert's cooldown silences its topic for two hours). Each burst is one POST of
/// 150 negative posts; the latency runs from the start of that POST to the moment a local webhook receiver has
/// the alert.opened (and, separately, to the alert.opened on the in-process event bus).
/// </summary>
public sealed class AlertLatencyBench : IBench
{
    private const string Secret = "bench-webhook-secret-0123456789";
    private const int BurstSize = 150;

    public string Name => "alert-latency";
    public string Description => "ms from a spike's POST to the webhook receipt under background traffic (in-process app) [--rate 5000] [--trials 20] [--warm-up 30] [--db …]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rate = Option(args, "--rate", 5_000);
        var trials = Option(args, "--trials", 20);
        var warmUp = Option(args, "--warm-up", 30);
        var dbIndex = Array.IndexOf(args, "--db");
        var directory = Path.Combine(Path.GetTempPath(), "earshot-bench", "alerts-" + Guid.NewGuid().ToString("N")[..8]);
        var target = DatabaseTarget.Parse(dbIndex >= 0 ? args[dbIndex + 1] : Path.Combine(directory, "earshot.db"));

        var received = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await using var receiver = await StartReceiverAsync(received);
        var options = new ServeOptions(target, "http://127.0.0.1:0");
        var app = EarshotWebApp.Build(options, services =>
        {
            services.AddSingleton(new AlertOptions
            {
                Watch = new WatchOptions
                {
                    Detector = new DetectorOptions { Window = TimeSpan.FromMinutes(5), WarmUp = TimeSpan.FromMinutes(30), Seasonality = Seasonality.None },
                },
            });
            services.AddSingleton(new DeliveryOptions { PollInterval = TimeSpan.FromMilliseconds(200) });
        });
        await EarshotWebApp.PrepareAsync(app, options, cancellationToken);
        await app.StartAsync(cancellationToken);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
            // The API wants a caller: an admin's token, as an integration posting to it would hold.
            var accounts = app.Services.GetRequiredService<Earshot.Access.UserAccounts>();
            await accounts.AddAsync("bench@earshot.example", "admin", "bench-password-1", null, "Bench", Earshot.Engine.Audit.AuditActor.Cli, cancellationToken);
            var (token, _, _) = await accounts.CreateTokenAsync("bench@earshot.example", "bench", "write", Earshot.Engine.Audit.AuditActor.Cli, cancellationToken);
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var detected = new ConcurrentDictionary<Guid, long>();
            using var stop = new CancellationTokenSource();
            var listening = ListenAsync(app.Services.GetRequiredService<EventBus>(), detected, stop.Token);

            await SetUpAsync(app, http, receiver.Url, trials, cancellationToken);
            Console.WriteLine($"background traffic at {rate:N0} posts/s, {warmUp} s of warm-up, then {trials} trials of {BurstSize} posts each");
            var sent = 0L;
            var background = BackgroundAsync(http, rate, () => Interlocked.Read(ref sent), n => Interlocked.Add(ref sent, n), stop.Token);
            var started = Stopwatch.GetTimestamp();
            // A server that has just started spends its first half minute compiling its hot paths (tiered JIT); the
            // latency that matters is the running server's. The trials start after the warm-up, backlog and all.
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(5, warmUp)), cancellationToken);
            var behind = await PendingAsync(app, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"after the warm-up: {Interlocked.Read(ref sent):N0} posts sent, {behind:N0} not yet through the pipeline"));

            var webhook = new List<double>();
            var bus = new List<double>();
            var afterClassified = new List<double>();
            for (var k = 0; k < trials; k++)
            {
                var topic = $"trial{k}";
                var now = DateTime.UtcNow;
                var body = Posts(Enumerable.Range(0, BurstSize).Select(i => ($"{topic}-s{i}", now.AddMilliseconds(-i * 50), $"trialk{k} is down again, terrible outage, I hate this {i}")));
                var sentAt = Stopwatch.GetTimestamp();
                using var accepted = await http.PostAsync("/api/posts", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
                accepted.EnsureSuccessStatusCode();
                var answered = Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds;
                var burstIds = await BurstIdsAsync(accepted, cancellationToken);
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
                while (!received.ContainsKey(topic) && DateTime.UtcNow < deadline)
                    await Task.Delay(2, cancellationToken);
                if (received.TryGetValue(topic, out var at))
                {
                    webhook.Add(Stopwatch.GetElapsedTime(sentAt, at).TotalMilliseconds);
                    if (await AlertIdAsync(app, topic, cancellationToken) is { } alertId)
                    {
                        if (detected.TryGetValue(alertId, out var seen))
                            bus.Add(Stopwatch.GetElapsedTime(sentAt, seen).TotalMilliseconds);
                        if (await ClassifiedToAlertAsync(app, alertId, burstIds, cancellationToken) is { } gap)
                            afterClassified.Add(gap);
                    }
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial {k + 1,2}: webhook {webhook[^1],7:0.0} ms (POST answered in {answered:0} ms)"));
                }
                else
                {
                    Console.WriteLine($"trial {k + 1,2}: no alert within 30 s");
                }
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await stop.CancelAsync();
            await background;
            await listening;
            var pending = await PendingAsync(app, cancellationToken);

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"background: {Interlocked.Read(ref sent):N0} posts in {seconds:0.0} s = {Interlocked.Read(ref sent) / seconds:N0} posts/s sent; {pending:N0} posts not yet through the pipeline at the end"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"POST → webhook receipt: p50 {Percentiles.Of(webhook, 50):0} ms, p99 {Percentiles.Of(webhook, 99):0} ms, max {webhook.DefaultIfEmpty().Max():0} ms ({webhook.Count}/{trials} alerts)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"POST → alert.opened on the event bus: p50 {Percentiles.Of(bus, 50):0} ms, p99 {Percentiles.Of(bus, 99):0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tipping post classified → alert stored: p50 {Percentiles.Of(afterClassified, 50):0} ms, p99 {Percentiles.Of(afterClassified, 99):0} ms"));
            if (target.Provider == DatabaseProvider.Sqlite)
            {
                var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
                var wal = new FileInfo(file + "-wal");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"database file {new FileInfo(file).Length / 1048576.0:0} MB, write-ahead log {(wal.Exists ? wal.Length / 1048576.0 : 0):0} MB"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak memory {PeakMemory.MiB():0} MiB"));
            return webhook.Count == trials ? 0 : 1;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The topics, the webhook, and 85 minutes of calm history per trial topic, all through the pipeline.</summary>
    private static async Task SetUpAsync(WebApplication app, HttpClient http, string webhookUrl, int trials, CancellationToken cancellationToken)
    {
        await Post(http, "/api/topics", """{"name": "busy", "query": "chatter"}""", cancellationToken);
        for (var k = 0; k < trials; k++)
            await Post(http, "/api/topics", $$"""{"name": "trial{{k}}", "query": "trialk{{k}}"}""", cancellationToken);
        var added = await app.Services.GetRequiredService<WebhookRegistry>().AddAsync(null, webhookUrl, Secret, "alert.opened", null, "generic", cancellationToken);
        if (added.Webhook is null)
            throw new InvalidOperationException(string.Join("; ", added.Errors.Values));
        var now = DateTime.UtcNow;
        var history = Enumerable.Range(0, trials).SelectMany(k => Enumerable.Range(0, 85 * 3).Select(i =>
            ($"trial{k}-b{i}", now.AddMinutes(-90).AddSeconds(i * 20), $"trialk{k} playlist number {i % 11} sounds nice"))).ToList();
        foreach (var chunk in history.Chunk(5_000))
            await Post(http, "/api/posts", Posts(chunk), cancellationToken);
        var setup = Stopwatch.StartNew();
        while (await PendingAsync(app, cancellationToken) > 0)
            await Task.Delay(100, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"history: {history.Count:N0} posts through the pipeline in {setup.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>Posts `rate` posts a second in ten batches a second, catching up when a batch ran late.</summary>
    private static async Task BackgroundAsync(HttpClient http, int rate, Func<long> sent, Action<int> add, CancellationToken cancellationToken)
    {
        var perBatch = Math.Max(1, rate / 10);
        var clock = Stopwatch.StartNew();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var due = (long)(clock.Elapsed.TotalSeconds * rate);
                if (sent() >= due)
                {
                    await Task.Delay(10, cancellationToken);
                    continue;
                }
                var first = sent();
                var now = DateTime.UtcNow;
                var body = Posts(Enumerable.Range(0, perBatch).Select(i => ($"c{first + i}", now, $"chatter about the weather and the match {(first + i) % 97}")));
                using var response = await http.PostAsync("/api/posts", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
                response.EnsureSuccessStatusCode();
                add(perBatch);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task ListenAsync(EventBus bus, ConcurrentDictionary<Guid, long> detected, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var @event in bus.SubscribeAsync(cancellationToken))
            {
                if (@event.Type == Core.Events.EarshotEvent.AlertOpened)
                    detected.TryAdd(@event.SubjectId, Stopwatch.GetTimestamp());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<Guid?> AlertIdAsync(WebApplication app, string topic, CancellationToken cancellationToken)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<EarshotDbContext>>().CreateDbContextAsync(cancellationToken);
        return await db.Alerts.Where(a => a.Kind == "volume-spike" && db.Topics.Any(t => t.Id == a.TopicId && t.Name == topic))
            .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// From the classification of the last burst post classified before the alert opened (the tipping post, or one in
    /// its batch) to the alert.opened event being stored; both stamped by the app's clock.
    /// </summary>
    private static async Task<List<Guid>> BurstIdsAsync(HttpResponseMessage accepted, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync(cancellationToken));
        return [.. json.RootElement.GetProperty("ids").EnumerateArray().Select(id => id.GetGuid())];
    }

    private static async Task<double?> ClassifiedToAlertAsync(WebApplication app, Guid alertId, List<Guid> burstIds, CancellationToken cancellationToken)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<EarshotDbContext>>().CreateDbContextAsync(cancellationToken);
        var opened = await db.AlertEvents.Where(e => e.AlertId == alertId && e.Type == "alert.opened").Select(e => (DateTime?)e.At).FirstOrDefaultAsync(cancellationToken);
        if (opened is not { } at)
            return null;
        var classified = await db.Classifications
            .Where(c => burstIds.Contains(c.PostId) && c.ClassifiedAt <= at)
            .Select(c => (DateTime?)c.ClassifiedAt).MaxAsync(cancellationToken);
        return classified is { } tipping ? (at - tipping).TotalMilliseconds : null;
    }

    private static async Task<int> PendingAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<EarshotDbContext>>().CreateDbContextAsync(cancellationToken);
        return await db.Posts.Unfinished().CountAsync(cancellationToken);
    }

    private sealed class Receiver(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url => url;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>A webhook endpoint that notes when each topic's first alert.opened arrived.</summary>
    private static async Task<Receiver> StartReceiverAsync(ConcurrentDictionary<string, long> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var at = Stopwatch.GetTimestamp();
            using var body = await JsonDocument.ParseAsync(request.Body);
            if (body.RootElement.GetProperty("alert").GetProperty("kind").GetString() == "volume-spike")
                received.TryAdd(body.RootElement.GetProperty("alert").GetProperty("topic").GetString()!, at);
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Receiver(app, address + "/hook");
    }

    private static async Task Post(HttpClient http, string path, string json, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static string Posts(IEnumerable<(string Id, DateTime CreatedAt, string Text)> posts)
    {
        var json = new StringBuilder("[");
        foreach (var (id, createdAt, text) in posts)
        {
            if (json.Length > 1)
                json.Append(',');
            json.Append(CultureInfo.InvariantCulture, $$"""{"id":"{{id}}","channel":"api","author":"u{{id}}","text":"{{text}}","created_at":"{{createdAt:yyyy-MM-ddTHH:mm:ss.fffZ}}"}""");
        }
        return json.Append(']').ToString();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
