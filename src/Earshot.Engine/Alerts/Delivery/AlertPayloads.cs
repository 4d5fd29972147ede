using System.Text.Json;
using System.Text.Json.Nodes;
using Earshot.Core.Alerts.Delivery;

namespace Earshot.Engine.Alerts.Delivery;

/// <summary>
/// Webhook bodies: our generic JSON (signed, for programs), a Slack message (text + Block Kit) and a Teams
/// MessageCard. Post text is attacker-controlled: chat formats get it escaped for their markup.
/// </summary>
public static class AlertPayloads
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Build(WebhookFormat format, AlertMessage message) => format switch
    {
        WebhookFormat.Slack => Slack(message),
        WebhookFormat.Teams => Teams(message),
        _ => Generic(message),
    };

    /// <summary><c>{"type": "alert.opened", "id": …, "at": …, "alert": {"id", "topic", "kind", "started_at", "count", "examples", …}}</c></summary>
    public static string Generic(AlertMessage m) => JsonSerializer.Serialize(new
    {
        type = m.Type,
        id = m.EventId,
        at = m.At,
        alert = new
        {
            id = m.AlertId,
            topic = m.Topic,
            kind = m.Kind,
            status = m.Status,
            started_at = m.StartedAt,
            closed_at = m.ClosedAt,
            count = m.Count,
            peak_per_minute = m.Details.PeakPerMinute,
            score = m.Details.Score,
            terms = m.Details.Terms,
            examples = m.Details.Examples.Select(e => new { post_id = e.PostId, text = e.Text }),
        },
    }, Json);

    public static string Slack(AlertMessage m)
    {
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "section", ["text"] = Mrkdwn("*" + SlackEscape(m.Headline) + "*") },
        };
        if (m.Details.Terms.Count > 0)
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn("Terms: " + SlackEscape(string.Join(", ", m.Details.Terms)))) });
        foreach (var example in m.Details.Examples)
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Mrkdwn("> " + SlackEscape(example.Text).ReplaceLineEndings(" ")) });
        return new JsonObject { ["text"] = m.Headline, ["blocks"] = blocks }.ToJsonString();
    }

    public static string Teams(AlertMessage m)
    {
        var facts = new JsonArray
        {
            Fact("Topic", m.Topic), Fact("Kind", m.Kind), Fact("Status", m.Status),
            Fact("Started", m.StartedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture)),
            Fact("Count", m.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (m.Details.Terms.Count > 0)
            facts.Add(Fact("Terms", string.Join(", ", m.Details.Terms)));
        var examples = string.Join("\n\n", m.Details.Examples.Select(e => "> " + TeamsEscape(e.Text).ReplaceLineEndings(" ")));
        return new JsonObject
        {
            ["@type"] = "MessageCard",
            ["@context"] = "https://schema.org/extensions",
            ["summary"] = m.Headline,
            ["themeColor"] = m.Type == Core.Alerts.AlertEventTypes.Closed ? "2E7D32" : "C62828",
            ["title"] = TeamsEscape(m.Headline),
            ["sections"] = new JsonArray(new JsonObject { ["facts"] = facts, ["text"] = examples }),
        }.ToJsonString();
    }

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject Fact(string name, string value) => new() { ["name"] = name, ["value"] = TeamsEscape(value) };

    /// <summary>Slack's three control characters; escaped, a post cannot mention @channel or forge a link.</summary>
    public static string SlackEscape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Teams renders a subset of HTML and Markdown in card text; neither may come from a post.</summary>
    public static string TeamsEscape(string text)
    {
        var escaped = System.Net.WebUtility.HtmlEncode(text);
        var builder = new System.Text.StringBuilder(escaped.Length);
        foreach (var c in escaped)
        {
            if (c is '*' or '_' or '[' or ']' or '`' or '#' or '~')
                builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }
}
