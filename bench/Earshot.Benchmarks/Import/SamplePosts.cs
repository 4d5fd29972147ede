using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Earshot.Benchmarks.Import;

/// <summary>
/// A large JSONL file of real-shaped posts: texts resampled from the airline set when ../shared/data is there (with
/// a counter so every post is distinct), otherwise from a small list of our own.
/// </summary>
internal static class SamplePosts
{
    private static readonly string[] OwnTexts =
    [
        "@AuroraMobile no signal downtown since this morning, is there an outage?",
        "The new app update keeps crashing when I open billing. Please fix.",
        "Thanks for sorting out my refund so quickly, lovely support team!",
        "Thinking of switching providers, coverage has been awful this week.",
        "Does the unlimited plan include hotspot? Asking before I upgrade.",
    ];

    public static string EnsureJsonl(int count)
    {
        var directory = Path.Combine(Path.GetTempPath(), "earshot-bench");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"posts-v2-{count}.jsonl");
        if (File.Exists(path))
            return path;
        var texts = AirlineTexts() ?? OwnTexts;
        var random = new Random(42);
        string[] channels = ["x", "x", "mastodon", "bluesky", "reddit", "api"];
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var writer = new StreamWriter(path + ".tmp", false, new UTF8Encoding(false), 1 << 20);
        for (var i = 0; i < count; i++)
        {
            var author = random.Next(50_000);
            var post = new Dictionary<string, object?>
            {
                ["id"] = "b" + i.ToString(CultureInfo.InvariantCulture),
                ["channel"] = channels[random.Next(channels.Length)],
                ["author"] = "user" + author.ToString(CultureInfo.InvariantCulture),
                // An author's follower count is the same from post to post, as it is in real streams.
                ["author_followers"] = (int)Math.Pow(10, author % 997 / 997.0 * 5),
                ["text"] = texts[random.Next(texts.Length)] + " #" + i.ToString(CultureInfo.InvariantCulture),
                ["created_at"] = start.AddSeconds(i * 2.5).ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["lang"] = "en",
            };
            if (i > 10 && random.Next(10) == 0)
                post["in_reply_to"] = "b" + random.Next(i).ToString(CultureInfo.InvariantCulture);
            writer.WriteLine(JsonSerializer.Serialize(post));
        }
        writer.Close();
        File.Move(path + ".tmp", path);
        return path;
    }

    public static string? AirlineCsv() => FindShared("airline-sentiment/Tweets.csv");

    private static string[]? AirlineTexts()
    {
        var path = AirlineCsv();
        if (path is null)
            return null;
        using var csv = CsvHelper.CsvReader.FromFile(path, new CsvHelper.CsvReaderOptions { Separator = ',' });
        var texts = new List<string>();
        while (csv.Read())
            texts.Add(System.Net.WebUtility.HtmlDecode(csv.GetString("text")));
        return [.. texts];
    }

    public static string? FindShared(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", relative);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
