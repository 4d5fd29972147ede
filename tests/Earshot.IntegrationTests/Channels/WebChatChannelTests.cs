using System.Net;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.WebChat;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Channels;

/// <summary>Visitors' messages arriving over real HTTP: stored once as posts that form a case; bad requests refused and nothing stored.</summary>
public sealed class WebChatChannelTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Message_BecomesAPostAndACase_ARetryStoresOnce(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var channelId = await WebChatVisitor.AddChannelAsync(app);
        var visitor = new WebChatVisitor(app, channelId);
        await visitor.StartAsync(new { email = "Ana@Example.com", name = "Ana" });

        // "hi" has no complaint or question in it: a chat is actionable because someone opened it to talk to us.
        var first = await visitor.WriteAsync("m-1", "hi");
        var retry = await visitor.WriteAsync("m-1", "hi");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(WebChatVisitor.Origin, first.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("stored", (await TestApp.ReadJsonAsync(first)).GetProperty("status").GetString());
        Assert.Equal("duplicate", (await TestApp.ReadJsonAsync(retry)).GetProperty("status").GetString());
        Assert.Equal(1, await WebChatVisitor.PostCountAsync(app, channelId));
        var caseId = await WebChatVisitor.WaitForCaseAsync(app, channelId);

        Assert.Equal(HttpStatusCode.Accepted, (await visitor.WriteAsync("m-2", "my parcel is late")).StatusCode);
        await Wait.UntilAsync(async () =>
        {
            await using var db = app.Database.Target.CreateContext();
            return await db.CasePosts.CountAsync(c => c.CaseId == caseId) == 2;
        }, "the second message joins the same case");
        await using (var db = app.Database.Target.CreateContext())
        {
            var author = await db.Posts.Where(p => p.ChannelId == channelId).Select(p => p.Author!.Handle).Distinct().SingleAsync();
            Assert.Equal("ana@example.com", author);
        }
        var history = await TestApp.ReadJsonAsync(await visitor.SendAsync(HttpMethod.Get, "/messages"));
        Assert.Equal(["hi", "my parcel is late"], history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(2, (await app.Services.GetRequiredService<ChannelRegistry>().ListAsync(CancellationToken.None)).Single().Health.PostsReceived);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task BadRequests_RefusedWithProblemDetails_NothingStored(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var channelId = await WebChatVisitor.AddChannelAsync(app);
        var visitor = new WebChatVisitor(app, channelId);
        await visitor.StartAsync(new { email = "ana@example.com" });
        var token = visitor.Token;

        var wrongOrigin = await new WebChatVisitor(app, channelId, "https://evil.example") { Token = token }.WriteAsync("m-1", "hello");
        var noOrigin = await new WebChatVisitor(app, channelId, "") { Token = token }.WriteAsync("m-1", "hello");
        var unknown = await new WebChatVisitor(app, Guid.CreateVersion7()) { Token = token }.WriteAsync("m-1", "hello");
        var noToken = await new WebChatVisitor(app, channelId).WriteAsync("m-1", "hello");
        var forged = await new WebChatVisitor(app, channelId) { Token = token![..^4] + "AAAA" }.WriteAsync("m-1", "hello");
        // Same secret, same site, another channel: the token names the channel it was issued for.
        var otherChannel = await new WebChatVisitor(app, await WebChatVisitor.AddChannelAsync(app, name: "help centre")) { Token = token }.WriteAsync("m-1", "hello");
        var tooLong = await visitor.WriteAsync("m-1", new string('a', WebChatConversations.MaxMessageLength + 1));
        var oversized = await visitor.SendAsync(HttpMethod.Post, "/messages", JsonSerializer.Serialize(new { id = "m-1", text = new string('a', Api.WebChatApi.MaxBodyBytes) }));
        var malformed = await visitor.SendAsync(HttpMethod.Post, "/messages", """{"id":"m-1","text":"hel""");
        var badId = await visitor.WriteAsync("<script>", "hello");
        var noEmail = await new WebChatVisitor(app, channelId).SendAsync(HttpMethod.Post, "/sessions", """{"email":"not an address"}""");
        var forgedVisitor = await new WebChatVisitor(app, channelId).SendAsync(HttpMethod.Post, "/sessions",
            JsonSerializer.Serialize(new { visitor_token = WebChatTokens.SignVisitor("another-secret-0123456789abcdef01234567", new BrandVisitor("cust-1", null, null, DateTimeOffset.UtcNow.AddHours(1))) }));

        (HttpResponseMessage Response, HttpStatusCode Status, string Title)[] expected =
        [
            (wrongOrigin, HttpStatusCode.Forbidden, "Origin not allowed"),
            (noOrigin, HttpStatusCode.Forbidden, "Origin not allowed"),
            (unknown, HttpStatusCode.NotFound, "No such web chat channel"),
            (noToken, HttpStatusCode.Unauthorized, "No chat session"),
            (forged, HttpStatusCode.Unauthorized, "Chat session refused"),
            (otherChannel, HttpStatusCode.Unauthorized, "Chat session refused"),
            (tooLong, HttpStatusCode.RequestEntityTooLarge, "Message too long"),
            (oversized, HttpStatusCode.RequestEntityTooLarge, "Payload too large"),
            (malformed, HttpStatusCode.BadRequest, "The body is not valid JSON"),
            (badId, HttpStatusCode.BadRequest, "Bad message id"),
            (noEmail, HttpStatusCode.BadRequest, "An e-mail address is required"),
            (forgedVisitor, HttpStatusCode.Unauthorized, "Visitor token refused"),
        ];
        foreach (var (response, status, title) in expected)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(title, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
        }
        Assert.False(wrongOrigin.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Contains("another chat channel", await otherChannel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.Database.Target.CreateContext();
        Assert.Equal(0, await db.Posts.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Flood_RefusedAfterTheBurst_WithRetryAfter(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var channelId = await WebChatVisitor.AddChannelAsync(app);
        var visitor = new WebChatVisitor(app, channelId);
        await visitor.StartAsync(new { email = "flood@example.com" });

        // A burst of 10, then one every 3 seconds: however slow this machine, 20 quick messages hit the limit.
        HttpResponseMessage? refused = null;
        var accepted = 0;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var response = await visitor.WriteAsync($"m-{i}", $"message {i}");
            if (response.StatusCode == HttpStatusCode.Accepted)
                accepted++;
            else
                refused = response;
        }

        Assert.NotNull(refused);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(accepted, 10, 19);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("Slow down", (await TestApp.ReadJsonAsync(refused)).GetProperty("title").GetString());
        Assert.Equal(accepted, await WebChatVisitor.PostCountAsync(app, channelId));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Preflight_OnlyTheChannelsSitesMayCall(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var channelId = await WebChatVisitor.AddChannelAsync(app);

        var allowed = await new WebChatVisitor(app, channelId).SendAsync(HttpMethod.Options, "/messages");
        var refused = await new WebChatVisitor(app, channelId, "https://evil.example").SendAsync(HttpMethod.Options, "/messages");
        var widget = await app.Anonymous.GetAsync($"/webchat/{channelId}/widget.js");
        var noWidget = await app.Anonymous.GetAsync($"/webchat/{Guid.CreateVersion7()}/widget.js");

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(WebChatVisitor.Origin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("X-Earshot-Visitor", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, widget.StatusCode);
        Assert.Equal("text/javascript", widget.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachShadow", await widget.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noWidget.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task BrandSignedVisitor_KeepsOneConversationAcrossSessions(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var channelId = await WebChatVisitor.AddChannelAsync(app);
        var token = WebChatTokens.SignVisitor(WebChatVisitor.Secret, new BrandVisitor("cust-42", "ana@example.com", "Ana", DateTimeOffset.UtcNow.AddMinutes(10)));
        var laptop = new WebChatVisitor(app, channelId);
        var phone = new WebChatVisitor(app, channelId);

        var onLaptop = await laptop.StartAsync(new { visitor_token = token });
        var onPhone = await phone.StartAsync(new { visitor_token = token });
        await laptop.WriteAsync("m-1", "is my refund on its way?");

        Assert.Equal(onLaptop.GetProperty("conversation").GetString(), onPhone.GetProperty("conversation").GetString());
        var history = await TestApp.ReadJsonAsync(await phone.SendAsync(HttpMethod.Get, "/messages"));
        Assert.Equal("is my refund on its way?", history.GetProperty("messages")[0].GetProperty("text").GetString());
        // An e-mail visitor claiming the same address gets a conversation of their own: an unverified address shows no history.
        var stranger = new WebChatVisitor(app, channelId);
        await stranger.StartAsync(new { email = "ana@example.com" });
        Assert.Empty((await TestApp.ReadJsonAsync(await stranger.SendAsync(HttpMethod.Get, "/messages"))).GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task AddWebChat_FromTheCommandLine_SecretEncryptedAndWidgetUsable()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        var badOrigin = await EarshotProcess.RunAsync("channels", "add", "webchat", "--origin", "https://brand.example/shop", "--db", database.DbArgument);
        var added = await EarshotProcess.RunAsync("channels", "add", "webchat", "--origin", "https://brand.example", "--db", database.DbArgument);

        Assert.Equal(1, badOrigin.ExitCode);
        Assert.Contains("origins: 'https://brand.example/shop' is not an origin", badOrigin.Error, StringComparison.Ordinal);
        Assert.True(added.ExitCode == 0, added.Error);
        var secret = added.Output.Split("shown only now; the brand's server signs signed-in customers with it): ")[1].Trim();
        Guid channelId;
        await using (var db = database.Target.CreateContext())
        {
            var channel = await db.Channels.SingleAsync(c => c.Kind == ChannelKind.WebChat);
            channelId = channel.Id;
            Assert.Equal("webchat: brand.example", channel.Name);
            Assert.DoesNotContain(secret, channel.SettingsJson, StringComparison.Ordinal);
            Assert.Contains("\"https://brand.example\"", channel.SettingsJson, StringComparison.Ordinal);
        }
        Assert.Contains($"<script src=\"https://EARSHOT/webchat/{channelId}/widget.js\" async></script>", added.Output, StringComparison.Ordinal);

        await using var app = await TestApp.StartAsyncOver(database);
        var visitor = new WebChatVisitor(app, channelId);
        await visitor.StartAsync(new { visitor_token = WebChatTokens.SignVisitor(secret, new BrandVisitor("cust-7", null, null, DateTimeOffset.UtcNow.AddMinutes(5))) });
        Assert.Equal(HttpStatusCode.Accepted, (await visitor.WriteAsync("m-1", "hello")).StatusCode);
    }
}
