using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.Core.Access;
using Earshot.IntegrationTests.Channels;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Settings;

/// <summary>A lead pauses a channel (the server stops fetching it), resumes it (fetching starts again) and changes its settings.</summary>
public sealed class PausingChannelsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task PausedFeed_IsNotFetched_AndResumingFetchesAgain(DatabaseKind kind)
    {
        await using var polled = await PolledFeed.StartAsync(kind, postgres);
        var (feed, app) = (polled.Feed, polled.App);
        var lead = await app.ClientForAsync("lea@news.test", "lead", "news");
        var added = await lead.PostAsJsonAsync("/api/channels", new
        {
            kind = "rss", workspace = "news", name = "liftoff", settings = new { url = feed.Url.ToString(), interval_seconds = 1 },
        });
        added.EnsureSuccessStatusCode();
        var id = (await TestApp.ReadJsonAsync(added)).GetProperty("id").GetGuid();
        await Wait.UntilAsync(() => Task.FromResult(feed.ConditionalHeaders.Count >= 2), "the feed is polled again");

        var paused = await lead.PostAsync($"/api/channels/{id}/pause", null);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.True((await TestApp.ReadJsonAsync(paused)).GetProperty("paused").GetBoolean());
        await Task.Delay(500); // a poll already under way may finish
        var polls = feed.ConditionalHeaders.Count;
        await Task.Delay(2500); // more than two intervals
        Assert.Equal(polls, feed.ConditionalHeaders.Count);
        var listed = (await lead.GetFromJsonAsync<JsonElement>("/api/channels")).EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id);
        Assert.True(listed.GetProperty("paused").GetBoolean());
        using (var page = await app.PagesAsync("lea@news.test", "password-lead"))
            Assert.Contains(">paused<", await page.GetStringAsync("/channels"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsync($"/api/channels/{id}/resume", null)).StatusCode);
        await Wait.UntilAsync(() => Task.FromResult(feed.ConditionalHeaders.Count > polls), "the resumed feed is polled");

        var leadId = await app.UserIdAsync("lea@news.test");
        var audited = await EditingSettingsTests.AuditAsync(app, AuditKinds.ChannelPaused, AuditKinds.ChannelResumed);
        Assert.Equal([AuditKinds.ChannelPaused, AuditKinds.ChannelResumed], audited.Where(a => a.ActorId == leadId).OrderBy(a => a.At).Select(a => a.Kind));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task ChannelPut_ChangesNameAndSettings_KeepsSecretsItWasNotGiven_AndNeverEchoesThem(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        var added = await lead.PostAsJsonAsync("/api/channels", new { kind = "webchat", workspace = "acme", name = "site chat", settings = new { origins = new[] { "https://acme.example" } } });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var body = await TestApp.ReadJsonAsync(added);
        var (id, secret) = (body.GetProperty("id").GetGuid(), body.GetProperty("generated_secrets").GetProperty("secret").GetString()!);
        await lead.PostAsJsonAsync("/api/channels", new { kind = "webchat", workspace = "acme", name = "shop chat", settings = new { origins = new[] { "https://shop.acme.example" } } });

        var changed = await lead.PutAsJsonAsync($"/api/channels/{id}", new { name = "help chat", settings = new { origins = new[] { "https://help.acme.example" } } });

        var text = await changed.Content.ReadAsStringAsync();
        Assert.True(changed.StatusCode == HttpStatusCode.OK, text);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        var view = JsonDocument.Parse(text).RootElement;
        Assert.Equal("help chat", view.GetProperty("name").GetString());
        Assert.Equal("https://help.acme.example", view.GetProperty("settings").GetProperty("origins")[0].GetString());
        Assert.Contains("secret", view.GetProperty("secrets_set").EnumerateArray().Select(s => s.GetString()));
        var secrets = app.Services.GetRequiredService<Earshot.Connectors.SecretBox>();
        Assert.Equal(secret, secrets.Unprotect(await StoredSecretAsync(app, id)));

        var duplicate = await lead.PutAsJsonAsync($"/api/channels/{id}", new { name = "shop chat" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var invalid = await lead.PutAsJsonAsync($"/api/channels/{id}", new { settings = new { origins = new[] { "not a url" } } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await TestApp.ReadJsonAsync(invalid)).GetProperty("errors").TryGetProperty("settings.origins", out _));
        Assert.Contains(await EditingSettingsTests.AuditAsync(app, AuditKinds.ChannelChanged),
            a => a.DataJson.Contains("\"renamed_from\":\"site chat\"", StringComparison.Ordinal) && !a.DataJson.Contains(secret, StringComparison.Ordinal));
    }

    private static async Task<string> StoredSecretAsync(TestApp app, Guid id)
    {
        await using var db = app.Database.Target.CreateContext();
        var channel = await db.Channels.SingleAsync(c => c.Id == id);
        return JsonDocument.Parse(channel.SettingsJson).RootElement.GetProperty("secret").GetString()!;
    }
}
