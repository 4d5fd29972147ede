using System.Globalization;
using CsvHelper;

namespace Earshot.Benchmarks.Understanding;

/// <summary>A labelled post: its text, expected sentiment, and (where the set has one) expected complaint/other.</summary>
public sealed record LabelledPost(string Text, string Sentiment, string? Complaint);

/// <summary>
/// Reads the public labelled sets from ../shared/data. They are non-commercial or unlicensed, so they are read in
/// place and never copied into the repository.
/// </summary>
public static class LabelledSets
{
    public static string? FindSharedData()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }

    /// <summary>
    /// Twitter US Airline Sentiment, deduplicated by tweet_id keeping the first row (18 ids carry conflicting labels).
    /// Complaint proxy: negative sentiment with a negative reason other than "Can't Tell".
    /// </summary>
    public static List<LabelledPost> Airline(string sharedData)
    {
        using var csv = CsvReader.FromFile(Path.Combine(sharedData, "airline-sentiment", "Tweets.csv"), new CsvReaderOptions { HasHeader = true });
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var posts = new List<LabelledPost>();
        while (csv.Read())
        {
            if (!seen.Add(csv.GetString("tweet_id")))
                continue;
            var sentiment = csv.GetString("airline_sentiment");
            var reason = csv.GetString("negativereason");
            var complaint = sentiment == "negative" && reason != "Can't Tell" ? "complaint" : "other";
            posts.Add(new LabelledPost(csv.GetString("text"), sentiment, complaint));
        }
        return posts;
    }

    /// <summary>Sentiment140 hand-labelled test set: no header, CR line endings, polarity 0/2/4 in column 0, text in column 5.</summary>
    public static List<LabelledPost> Sentiment140(string sharedData)
    {
        var path = Path.Combine(sharedData, "sentiment140-test", "testdata.manual.2009.06.14.csv");
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        using var csv = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false });
        var posts = new List<LabelledPost>();
        while (csv.Read())
        {
            var sentiment = csv.GetString(0) switch
            {
                "0" => "negative",
                "2" => "neutral",
                "4" => "positive",
                var other => throw new FormatException($"Unexpected Sentiment140 polarity '{other}'."),
            };
            posts.Add(new LabelledPost(csv.GetString(5), sentiment, null));
        }
        return posts;
    }
}
