using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Bluesky;
using Earshot.Connectors.Email;
using Earshot.Connectors.Facebook;
using Earshot.Connectors.Intake;
using Earshot.Connectors.Mastodon;
using Earshot.Connectors.Reddit;
using Earshot.Connectors.Rss;
using Earshot.Connectors.Setup;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Connectors.WebChat;
using Earshot.Connectors.X;
using Earshot.Core.Posts;
using Earshot.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Channels;

/// <summary>The one description of each kind's settings agrees with its connector and turns people's input into settings.</summary>
public sealed class ChannelSetupsTests
{
    [Fact]
    public void EveryConnector_HasASetup_ThatCallsTheSameSettingsSecret()
    {
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var http = services.GetRequiredService<IHttpClientFactory>();
        // Never asked: the connectors only validate here.
        var guard = new OutboundGuard(new EarshotDbContextFactory(DatabaseTarget.Parse("unused.db")), TimeProvider.System, new OutboundOptions());
        var secrets = new SecretBox(new EphemeralDataProtectionProvider());
        IChannelConnector[] connectors =
        [
            new RssConnector(http, TimeProvider.System), new MastodonConnector(http, secrets, TimeProvider.System), new RedditConnector(http, secrets, TimeProvider.System), new XConnector(http, secrets),
            new BlueskyConnector(services.GetRequiredService<IHttpMessageHandlerFactory>()), new IntakeConnector(), new FacebookConnector(), new InstagramConnector(), new EmailConnector(secrets, guard), new WebChatConnector(),
        ];

        Assert.Equal(connectors.Select(c => c.Kind).Order(), ChannelSetups.All.Select(s => s.Kind).Order());
        foreach (var connector in connectors)
            Assert.Equal(connector.SecretFields.Order(StringComparer.Ordinal), ChannelSetups.For(connector.Kind)!.SecretKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Prepare_FormText_BecomesTypedSettingsWithDefaults()
    {
        var rss = ChannelSetups.For(ChannelKind.Rss)!;

        var prepared = rss.Prepare(Given(new { url = "https://blog.example/feed.xml", interval_seconds = "600", is_brand = "on" }));
        var defaults = rss.Prepare(Given(new { url = "https://blog.example/feed.xml" }));

        Assert.Empty(prepared.Errors);
        Assert.Equal(600, prepared.Values["interval_seconds"].GetInt32());
        Assert.True(prepared.Values["is_brand"].GetBoolean());
        Assert.Equal((int)RssConnector.DefaultInterval.TotalSeconds, defaults.Values["interval_seconds"].GetInt32());
        Assert.False(defaults.Values["is_brand"].GetBoolean());
        Assert.Equal("blog.example/feed.xml", rss.DefaultName!(prepared.Values));
    }

    [Fact]
    public void Prepare_MissingWrongAndUnknownSettings_AreNamed()
    {
        var prepared = ChannelSetups.For(ChannelKind.Rss)!.Prepare(Given(new { interval_seconds = "soon", colour = "blue", is_brand = 3 }));

        Assert.Equal(["colour", "interval_seconds", "is_brand", "url"], prepared.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Feed URL is required", prepared.Errors["url"].ToString());
        Assert.Contains("whole number", prepared.Errors["interval_seconds"].ToString(), StringComparison.Ordinal);
        Assert.Contains("not a setting of rss channels", prepared.Errors["colour"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_WebChatWithoutASecret_MakesOneUp_AndTidiesTheSites()
    {
        var webchat = ChannelSetups.For(ChannelKind.WebChat)!;

        var prepared = webchat.Prepare(Given(new { origins = "https://brand.example/\nhttps://shop.brand.example" }));

        Assert.Empty(prepared.Errors);
        Assert.Equal(["https://brand.example", "https://shop.brand.example"], prepared.Values["origins"].EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(64, prepared.Generated["secret"].Length);
        Assert.Equal(prepared.Generated["secret"], prepared.Values["secret"].GetString());
        Assert.Equal("webchat: brand.example", webchat.DefaultName!(prepared.Values));
    }

    private static Dictionary<string, JsonElement> Given(object settings) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(settings))!;
}
