using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Earshot.Benchmarks.Connectors;

/// <summary>
/// The bytes each network's stream would send for N distinct posts, built from the real payloads in
/// `../shared/fixtures` (only ids, authors and text vary), so the bench parses what the connectors meet in production.
/// </summary>
public static class StreamPayloads
{
    private static readonly string[] Gripes =
    [
        "my order {0} never arrived, third time this month 😡",
        "the new app update {0} keeps logging me out",
        "loving the support team today, sorted in {0} minutes",
        "why is the refund for order {0} still pending?",
        "switched plans {0} days ago and the bill doubled",
    ];

    public static string Text(int i) => "acme " + string.Format(CultureInfo.InvariantCulture, Gripes[i % Gripes.Length], i);

    /// <summary>X filtered stream: one JSON object per line, `\r\n` keep-alives between them.</summary>
    public static byte[] X(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var id = (1_800_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
            var user = i % 5000;
            var data = new JsonObject
            {
                ["data"] = new JsonObject
                {
                    ["id"] = id, ["text"] = "@" + Text(i), ["author_id"] = user.ToString(CultureInfo.InvariantCulture),
                    ["created_at"] = "2026-01-15T10:35:00.000Z", ["lang"] = "en", ["conversation_id"] = id,
                    ["edit_history_tweet_ids"] = new JsonArray(id),
                },
                ["includes"] = new JsonObject
                {
                    ["users"] = new JsonArray(new JsonObject
                    {
                        ["id"] = user.ToString(CultureInfo.InvariantCulture), ["username"] = $"user{user}", ["name"] = $"User {user}",
                        ["public_metrics"] = new JsonObject { ["followers_count"] = i % 997 },
                    }),
                },
                ["matching_rules"] = new JsonArray(new JsonObject { ["id"] = "1", ["tag"] = "brand" }),
            };
            text.Append(data.ToJsonString()).Append("\r\n");
            if (i % 10 == 9)
                text.Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Mastodon streaming: server-sent `update` events carrying the documented status entity.</summary>
    public static byte[] Mastodon(string fixtures, int count)
    {
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(fixtures, "mastodon", "status_entity_docs_example.json")))!.AsObject();
        var text = new StringBuilder(":)\n\n");
        for (var i = 0; i < count; i++)
        {
            var status = template.DeepClone().AsObject();
            var id = (110_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
            var user = $"user{i % 5000}";
            status["id"] = id;
            status["uri"] = $"https://social.example/users/{user}/statuses/{id}";
            status["url"] = $"https://social.example/@{user}/{id}";
            status["content"] = $"<p>{Text(i)} <a href=\"https://social.example/tags/acme\" class=\"mention hashtag\" rel=\"tag\">#<span>acme</span></a></p>";
            status["account"]!["acct"] = user;
            status["account"]!["username"] = user;
            status["account"]!["url"] = $"https://social.example/@{user}";
            text.Append("event: update\ndata: ").Append(status.ToJsonString()).Append("\n\n");
            if (i % 50 == 49)
                text.Append(":thump\n\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Bluesky Jetstream: one `commit` message per post, shaped like the recorded firehose.</summary>
    public static IReadOnlyList<byte[]> Jetstream(string fixtures, int count)
    {
        var template = JsonNode.Parse(File.ReadLines(Path.Combine(fixtures, "bluesky", "jetstream_v1_wanted_posts.jsonl")).First())!.AsObject();
        var messages = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var message = template.DeepClone().AsObject();
            message["did"] = $"did:plc:bench{i % 5000:D10}";
            message["time_us"] = 1_783_175_888_090_631L + i * 10L;
            var commit = message["commit"]!.AsObject();
            commit["rkey"] = $"3mpt{i:D9}";
            var record = commit["record"]!.AsObject();
            record["text"] = Text(i);
            record.Remove("facets");
            record.Remove("embed");
            messages.Add(Encoding.UTF8.GetBytes(message.ToJsonString()));
        }
        return messages;
    }
}
