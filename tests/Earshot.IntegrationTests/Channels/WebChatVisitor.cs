using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Channels;

/// <summary>A browser on the brand's site as the web chat endpoints see it: an Origin header and, once started, a session token.</summary>
internal sealed class WebChatVisitor(TestApp app, Guid channelId, string origin = WebChatVisitor.Origin)
{
    public const string Origin = "https://brand.example";
    public const string Secret = "webchat-secret-0123456789abcdef0123456789";

    public string? Token { get; set; }

    public string Api => $"/api/webchat/{channelId}";

    public static async Task<Guid> AddChannelAsync(TestApp app, string origin = Origin, string name = "site chat")
    {
        var added = await app.Services.GetRequiredService<ChannelRegistry>().AddAsync("default", ChannelKind.WebChat, name,
            JsonSerializer.SerializeToElement(new { origins = new[] { origin }, secret = Secret }), CancellationToken.None);
        Assert.Empty(added.Errors);
        return added.Channel!.Id;
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, Api + path);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (origin.Length > 0)
            request.Headers.Add("Origin", origin);
        if (Token is not null)
            request.Headers.Add("X-Earshot-Visitor", Token);
        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null) => app.Anonymous.SendAsync(Request(method, path, json));

    public async Task<JsonElement> StartAsync(object body)
    {
        var response = await SendAsync(HttpMethod.Post, "/sessions", JsonSerializer.Serialize(body));
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, started.ToString());
        Token = started.GetProperty("session_token").GetString();
        return started;
    }

    public Task<HttpResponseMessage> WriteAsync(string id, string text) =>
        SendAsync(HttpMethod.Post, "/messages", JsonSerializer.Serialize(new { id, text }));

    public static async Task<int> PostCountAsync(TestApp app, Guid channelId)
    {
        await using var db = app.Database.Target.CreateContext();
        return await db.Posts.CountAsync(p => p.ChannelId == channelId);
    }

    /// <summary>The case the channel's messages formed, once the pipeline has opened it.</summary>
    public static async Task<Guid> WaitForCaseAsync(TestApp app, Guid channelId)
    {
        Guid? id = null;
        await Wait.UntilAsync(async () =>
        {
            await using var db = app.Database.Target.CreateContext();
            id = await db.Cases.Where(c => c.ChannelId == channelId).Select(c => (Guid?)c.Id).SingleOrDefaultAsync();
            return id is not null;
        }, "the chat forms a case");
        return id!.Value;
    }
}
