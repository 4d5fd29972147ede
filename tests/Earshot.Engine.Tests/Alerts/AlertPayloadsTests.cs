using System.Text.Json;
using Earshot.Core.Alerts.Delivery;
using Earshot.Engine.Alerts;
using Earshot.Engine.Alerts.Delivery;
using Xunit;

namespace Earshot.Engine.Tests.Alerts;

public class AlertPayloadsTests
{
    private static readonly Guid AlertId = Guid.Parse("01900000-0000-7000-8000-000000000001");
    private static readonly Guid PostId = Guid.Parse("01900000-0000-7000-8000-000000000002");
    private static readonly DateTime Started = new(2026, 3, 2, 10, 2, 0, DateTimeKind.Utc);

    private static AlertMessage Message(string text = "app down <!channel> & *bold*") => new(
        Guid.Parse("01900000-0000-7000-8000-000000000003"), "alert.opened", Started.AddSeconds(5), AlertId, "Billing", "volume-spike", "open",
        Started, null, 60,
        new AlertDetails(40, 15, 62, 12.5, ["outage", "app down"], [new AlertDetails.Example(PostId, text)], true, null));

    [Fact]
    public void Generic_HasTheDocumentedShape()
    {
        var root = JsonDocument.Parse(AlertPayloads.Build(WebhookFormat.Generic, Message())).RootElement;

        Assert.Equal("alert.opened", root.GetProperty("type").GetString());
        var alert = root.GetProperty("alert");
        Assert.Equal(AlertId, alert.GetProperty("id").GetGuid());
        Assert.Equal("Billing", alert.GetProperty("topic").GetString());
        Assert.Equal("volume-spike", alert.GetProperty("kind").GetString());
        Assert.Equal(Started, alert.GetProperty("started_at").GetDateTime());
        Assert.Equal(60, alert.GetProperty("count").GetInt32());
        var example = Assert.Single(alert.GetProperty("examples").EnumerateArray());
        Assert.Equal(PostId, example.GetProperty("post_id").GetGuid());
        Assert.Equal("app down <!channel> & *bold*", example.GetProperty("text").GetString());
    }

    [Fact]
    public void Slack_HasTextAndBlocks_WithPostTextEscaped()
    {
        var root = JsonDocument.Parse(AlertPayloads.Build(WebhookFormat.Slack, Message())).RootElement;

        Assert.Equal("Volume spike on Billing: 60 posts since 2026-03-02 10:02 UTC", root.GetProperty("text").GetString());
        var texts = root.GetProperty("blocks").EnumerateArray()
            .Select(b => b.TryGetProperty("text", out var t) ? t.GetProperty("text").GetString() : null).ToList();
        Assert.Contains("> app down &lt;!channel&gt; &amp; *bold*", texts);
        Assert.DoesNotContain(texts, t => t is not null && t.Contains("<!channel>", StringComparison.Ordinal));
    }

    [Fact]
    public void Teams_IsAMessageCard_WithFactsAndEscapedExamples()
    {
        var root = JsonDocument.Parse(AlertPayloads.Build(WebhookFormat.Teams, Message("<b>hi</b> [x](http://evil)"))).RootElement;

        Assert.Equal("MessageCard", root.GetProperty("@type").GetString());
        var section = Assert.Single(root.GetProperty("sections").EnumerateArray());
        Assert.Contains(section.GetProperty("facts").EnumerateArray(), f => f.GetProperty("name").GetString() == "Topic" && f.GetProperty("value").GetString() == "Billing");
        var text = section.GetProperty("text").GetString()!;
        Assert.DoesNotContain("<b>", text, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;hi&lt;/b&gt; \\[x\\](http://evil)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Headline_ForANegativitySpikeUpdate_SaysNegativePosts()
    {
        var message = Message() with { Type = "alert.updated", Kind = "negativity-spike" };

        Assert.Equal("[update] Negativity spike on Billing: 60 negative posts since 2026-03-02 10:02 UTC", message.Headline);
    }
}
