using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Channels;

/// <summary>Leads and admins configure channels over `/api/channels`: secrets go in encrypted and never come back out.</summary>
public sealed class ChannelsApiTests(PostgresServer postgres)
{
    // Nothing listens on the discard port, so the host's runs of these channels fail fast without leaving the machine.
    private const string Nowhere = "http://127.0.0.1:9";
    private const string MastodonToken = "mastodon-token-7c1e5b";
    private const string XToken = "x-bearer-token-91fa0d";

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AddGetRemove_MastodonXRss_SecretsNeverReturnedAndStoredEncrypted(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "acme");

        var mastodon = await lead.PostAsJsonAsync("/api/channels", new
        {
            kind = "mastodon", workspace = "acme", settings = new { base_url = Nowhere, token = MastodonToken, hashtag = "#acme" },
        });
        var x = await app.Http.PostAsJsonAsync("/api/channels", new
        {
            kind = "x", workspace = "acme", name = "brand on x", settings = new { base_url = Nowhere, bearer_token = XToken, rule = "@acme -is:retweet" },
        });
        // A form sends numbers and booleans as text; both are accepted.
        var rss = await lead.PostAsJsonAsync("/api/channels", new
        {
            kind = "rss", workspace = "acme", settings = new Dictionary<string, object> { ["url"] = Nowhere + "/feed.xml", ["interval_seconds"] = "600", ["is_brand"] = "on" },
        });

        Assert.Equal(HttpStatusCode.Created, mastodon.StatusCode);
        Assert.Equal(HttpStatusCode.Created, x.StatusCode);
        Assert.Equal(HttpStatusCode.Created, rss.StatusCode);
        var mastodonBody = await mastodon.Content.ReadAsStringAsync();
        var xBody = await x.Content.ReadAsStringAsync();
        Assert.DoesNotContain(MastodonToken, mastodonBody, StringComparison.Ordinal);
        Assert.DoesNotContain(XToken, xBody, StringComparison.Ordinal);
        var added = JsonDocument.Parse(mastodonBody).RootElement;
        Assert.Equal("127.0.0.1 #acme", added.GetProperty("name").GetString());
        Assert.Equal("acme", added.GetProperty("workspace").GetString());
        Assert.Equal("acme", added.GetProperty("settings").GetProperty("hashtag").GetString());
        Assert.False(added.GetProperty("settings").TryGetProperty("token", out _));
        Assert.Equal(["token"], added.GetProperty("secrets_set").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal($"/api/channels/{added.GetProperty("id").GetGuid()}", mastodon.Headers.Location!.ToString());
        var xAdded = JsonDocument.Parse(xBody).RootElement;
        Assert.Equal("brand on x", xAdded.GetProperty("name").GetString());
        Assert.Equal(["bearer_token"], xAdded.GetProperty("secrets_set").EnumerateArray().Select(s => s.GetString()));
        var feed = await TestApp.ReadJsonAsync(rss);
        Assert.Equal("127.0.0.1/feed.xml", feed.GetProperty("name").GetString());
        Assert.Equal(600, feed.GetProperty("settings").GetProperty("interval_seconds").GetInt32());
        Assert.True(feed.GetProperty("settings").GetProperty("is_brand").GetBoolean());

        var one = await lead.GetAsync($"/api/channels/{added.GetProperty("id").GetGuid()}");
        var oneBody = await one.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Contains("\"hashtag\":\"acme\"", oneBody, StringComparison.Ordinal);
        Assert.DoesNotContain(MastodonToken, oneBody, StringComparison.Ordinal);
        var list = await lead.GetStringAsync("/api/channels");
        Assert.Equal(3, JsonDocument.Parse(list).RootElement.GetArrayLength());
        Assert.DoesNotContain(MastodonToken, list, StringComparison.Ordinal);
        Assert.DoesNotContain(XToken, list, StringComparison.Ordinal);

        // The column holds the protected value; the key ring gives the token back to the connector.
        await using (var db = app.Database.Target.CreateContext())
        {
            var stored = await db.Channels.AsNoTracking().Where(c => c.Kind == Core.Posts.ChannelKind.Mastodon).Select(c => c.SettingsJson).SingleAsync();
            Assert.DoesNotContain(MastodonToken, stored, StringComparison.Ordinal);
            var token = JsonDocument.Parse(stored).RootElement.GetProperty("token").GetString()!;
            Assert.StartsWith(SecretBox.StoredPrefix, token, StringComparison.Ordinal);
            Assert.Equal(MastodonToken, app.Services.GetRequiredService<SecretBox>().Unprotect(token));
            var xStored = await db.Channels.AsNoTracking().Where(c => c.Kind == Core.Posts.ChannelKind.X).Select(c => c.SettingsJson).SingleAsync();
            Assert.DoesNotContain(XToken, xStored, StringComparison.Ordinal);
        }

        var id = added.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await lead.DeleteAsync($"/api/channels/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/api/channels/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.DeleteAsync($"/api/channels/{id}")).StatusCode);
        var after = JsonDocument.Parse(await lead.GetStringAsync("/api/channels")).RootElement;
        Assert.Equal(["127.0.0.1/feed.xml", "brand on x"], after.EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Add_BadInput_ProblemDetailsNameTheField_AndRolesAndWorkspacesAreChecked(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var lead = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        var agent = await app.ClientForAsync("ana@acme.test", "agent", "acme");
        var otherLead = await app.ClientForAsync("leo@globex.test", "lead", "globex");

        var missing = await ProblemAsync(lead, new { kind = "mastodon", workspace = "acme", settings = new { base_url = "https://mastodon.example", hashtag = "acme" } });
        var badUrl = await ProblemAsync(lead, new { kind = "rss", workspace = "acme", settings = new { url = "not a url" } });
        var badNumber = await ProblemAsync(lead, new { kind = "rss", workspace = "acme", settings = new { url = "https://blog.example/feed.xml", interval_seconds = "soon" } });
        var unknownSetting = await ProblemAsync(lead, new { kind = "x", workspace = "acme", settings = new { bearer_token = "t", rule = "acme", colour = "blue" } });
        var unknownKind = await ProblemAsync(lead, new { kind = "myspace", workspace = "acme", settings = new { } });
        var noKind = await ProblemAsync(lead, new { workspace = "acme", settings = new { } });

        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("application/problem+json", missing.ContentType);
        Assert.Contains("access token", Error(missing.Body, "settings.token"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badUrl.Status);
        Assert.Contains("absolute http or https URL", Error(badUrl.Body, "settings.url"), StringComparison.Ordinal);
        Assert.Contains("whole number", Error(badNumber.Body, "settings.interval_seconds"), StringComparison.Ordinal);
        Assert.Contains("not a setting of x channels", Error(unknownSetting.Body, "settings.colour"), StringComparison.Ordinal);
        Assert.Contains("mastodon", Error(unknownKind.Body, "kind"), StringComparison.Ordinal);
        Assert.Contains("rss", Error(unknownKind.Body, "kind"), StringComparison.Ordinal);
        Assert.Contains("'kind' is required", Error(noKind.Body, "kind"), StringComparison.Ordinal);

        var first = await lead.PostAsJsonAsync("/api/channels", new { kind = "rss", workspace = "acme", name = "blog", settings = new { url = Nowhere + "/blog.xml" } });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await TestApp.ReadJsonAsync(first)).GetProperty("id").GetGuid();
        var duplicate = await ProblemAsync(lead, new { kind = "rss", workspace = "acme", name = "blog", settings = new { url = "https://other.example/feed.xml" } });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal("name", duplicate.Body.GetProperty("field").GetString());
        Assert.Contains("already has a rss channel named 'blog'", duplicate.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var byAgent = await ProblemAsync(agent, new { kind = "rss", workspace = "acme", settings = new { url = "https://agent.example/feed.xml" } });
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.DeleteAsync($"/api/channels/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/channels/{id}")).StatusCode);

        var elsewhere = await ProblemAsync(otherLead, new { kind = "rss", workspace = "acme", settings = new { url = "https://globex.example/feed.xml" } });
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.Status);
        Assert.Equal("workspace", elsewhere.Body.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await otherLead.GetAsync($"/api/channels/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLead.DeleteAsync($"/api/channels/{id}")).StatusCode);
        Assert.Empty(JsonDocument.Parse(await otherLead.GetStringAsync("/api/channels")).RootElement.EnumerateArray());

        // Nothing refused was stored, and the channel the others could not touch is still there.
        await using var db = app.Database.Target.CreateContext();
        Assert.Equal(["blog"], await db.Channels.Where(c => c.Enabled).Select(c => c.Name).ToListAsync());
    }

    private sealed record Problem(HttpStatusCode Status, string? ContentType, JsonElement Body);

    private static async Task<Problem> ProblemAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/channels", request);
        var text = await response.Content.ReadAsStringAsync();
        return new Problem(response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    private static string Error(JsonElement problem, string field)
    {
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field} in {problem}");
        return string.Join("; ", messages.EnumerateArray().Select(m => m.GetString()));
    }
}
