using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>
/// A filtered stream that misbehaves on purpose, for the soak test. Posts "exist" once the stream has sent them or
/// once they fell into a gap; each connection sends a random run of posts (CRLF framed, keep-alives between,
/// written in chunks) and then drops the connection, sometimes in the middle of a post. While the client is away
/// more posts appear (the gap), served only by recent search with since_id (newest first, next_token pages that
/// stay stable while new posts arrive). A new connection first replays some posts already sent (duplicates).
/// Payloads have the shape of ../shared/fixtures/twitter/filtered_stream.ndjson line 1 and search_recent_expanded.json.
/// Everything random comes from one seeded Random, so a failing seed replays the same schedule.
/// </summary>
public sealed class FakeXFirehose(int total, int seed)
{
    public const long FirstId = 1_790_000_000_000_000_000;

    private readonly Random _random = new(seed);
    private readonly object _gate = new();
    private int _created;   // posts 0.._created-1 exist
    private int _streamed;  // where the stream goes on from

    public int Total => total;
    public int Connections { get; private set; }
    public int Drops { get; private set; }
    public int MidPostDrops { get; private set; }
    public int Replayed { get; private set; }
    public int GapPosts { get; private set; }
    public int Searches { get; private set; }

    /// <summary>What each connection and search served, to explain a failure.</summary>
    public List<string> Log { get; } = [];

    private static string Disconnect => File.ReadAllText(SharedData.RequireFixture("twitter/stream_operational_disconnect.json")).ReplaceLineEndings("");

    public static string IdOf(int index) => (FirstId + index).ToString(CultureInfo.InvariantCulture);

    public void Map(WebApplication server)
    {
        server.MapGet("/2/tweets/search/stream/rules", () => Results.Json(new
        {
            data = new[] { new { id = "1273026480692322304", value = "acme", tag = "hand-made" } },
            meta = new { result_count = 1 },
        }));
        server.MapGet("/2/tweets/search/stream", StreamAsync);
        server.MapGet("/2/tweets/search/recent", Search);
    }

    private async Task StreamAsync(HttpContext context)
    {
        int start, count, replay;
        bool midPost;
        lock (_gate)
        {
            Connections++;
            replay = _streamed == 0 ? 0 : _random.Next(0, 40);
            start = Math.Max(0, _streamed - replay);
            Replayed += _streamed - start;
            // Some connections drop before sending anything (not the first: before any post is stored there is no
            // since_id to fill a gap from); most send a few hundred to a few thousand posts.
            count = _streamed > 0 && _random.Next(10) == 0 ? 0 : _random.Next(200, 4000);
            midPost = _random.Next(2) == 0;
        }
        context.Response.ContentType = "application/json";
        var end = Math.Min(total, start + replay + count);
        var buffer = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            lock (_gate)
            {
                _created = Math.Max(_created, i + 1);
                _streamed = Math.Max(_streamed, i + 1);
            }
            buffer.Append(StreamLine(i)).Append("\r\n");
            if (i % 97 == 0)
                buffer.Append("\r\n"); // keep-alive
            if (buffer.Length > 16_384)
                await FlushAsync(context, buffer);
        }
        if (end == total && _streamed >= total)
        {
            // All sent: a few keep-alives, then X's operational disconnect, after which it closes the connection.
            await FlushAsync(context, buffer);
            for (var k = 0; k < 3; k++)
            {
                await context.Response.WriteAsync("\r\n");
                await context.Response.Body.FlushAsync();
                await Task.Delay(20);
            }
            await context.Response.WriteAsync(Disconnect + "\r\n");
            return;
        }
        if (midPost)
        {
            var next = StreamLine(end);
            buffer.Append(next.AsSpan(0, next.Length / 2));
        }
        await FlushAsync(context, buffer);
        lock (_gate)
        {
            Drops++;
            MidPostDrops += midPost ? 1 : 0;
            // While the client is away, posts keep coming: only recent search has them.
            var gap = Math.Min(total - _created, _random.Next(0, 600));
            Log.Add($"stream {start}..{end - 1} dropped{(midPost ? " mid-post" : "")}, gap {_created}..{_created + gap - 1}");
            _created += gap;
            _streamed = _created;
            GapPosts += gap;
        }
        context.Abort();
    }

    private static async Task FlushAsync(HttpContext context, StringBuilder buffer)
    {
        await context.Response.WriteAsync(buffer.ToString());
        await context.Response.Body.FlushAsync();
        buffer.Clear();
    }

    /// <summary>Newest first, ids above since_id and below until_id; next_token is the id to continue below, so pages hold still while posts arrive.</summary>
    private IResult Search(HttpContext context)
    {
        var since = long.Parse(context.Request.Query["since_id"].ToString(), CultureInfo.InvariantCulture) - FirstId;
        int created;
        lock (_gate)
        {
            Searches++;
            created = _created;
        }
        var below = context.Request.Query.TryGetValue("next_token", out var token) ? int.Parse(token.ToString(), CultureInfo.InvariantCulture)
            : context.Request.Query.TryGetValue("until_id", out var until) ? (int)(long.Parse(until.ToString(), CultureInfo.InvariantCulture) - FirstId)
            : created;
        var from = (int)Math.Max(since + 1, 0);
        var page = Enumerable.Range(from, Math.Max(0, below - from)).Reverse().Take(100).ToList();
        if (page.Count == 0)
            return Results.Json(new { meta = new { result_count = 0 } });
        var more = page[^1] > from;
        lock (_gate)
            Log.Add($"search since {since} below {below}: {page[0]}..{page[^1]}");
        return Results.Json(new
        {
            data = page.Select(Tweet),
            includes = new { users = page.Select(i => i % 50).Distinct().Select(User) },
            meta = new { newest_id = IdOf(page[0]), oldest_id = IdOf(page[^1]), result_count = page.Count, next_token = more ? page[^1].ToString(CultureInfo.InvariantCulture) : null },
        });
    }

    private static string StreamLine(int i) => System.Text.Json.JsonSerializer.Serialize(new
    {
        data = Tweet(i),
        includes = new { users = new[] { User(i % 50) } },
        matching_rules = new[] { new { id = "1273026480692322304", tag = "hand-made" } },
    });

    private static object Tweet(int i) => new
    {
        id = IdOf(i),
        text = $"Post {i}: my acme order is late again 🐱",
        author_id = (9_876_543_210L + i % 50).ToString(CultureInfo.InvariantCulture),
        created_at = new DateTime(2026, 1, 15, 10, 0, 0, DateTimeKind.Utc).AddSeconds(i).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        lang = "en",
        edit_history_tweet_ids = new[] { IdOf(i) },
    };

    private static object User(int n) => new
    {
        id = (9_876_543_210L + n).ToString(CultureInfo.InvariantCulture),
        username = "customer" + n.ToString(CultureInfo.InvariantCulture),
        name = "Customer " + n.ToString(CultureInfo.InvariantCulture),
    };
}
