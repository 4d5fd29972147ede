using System.Text;

namespace Earshot.Benchmarks.Matching;

/// <summary>
/// Real-shaped posts: the airline tweets from ../shared/data, resampled. Variants mix words of two tweets so a
/// million posts are not a million copies of 14,640; a fixed seed keeps runs comparable.
/// </summary>
internal static class TweetCorpus
{
    public static string? FindTweetsCsv()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
            {
                var path = Path.Combine(candidate, "airline-sentiment", "Tweets.csv");
                if (File.Exists(path))
                    return Path.GetFullPath(path);
            }
        }
        return null;
    }

    /// <summary>The "text" column of the CSV (RFC 4180: quoted fields may hold commas, quotes and newlines).</summary>
    public static List<string> ReadTexts(string path)
    {
        var rows = ParseCsv(File.ReadAllText(path));
        var textColumn = rows[0].IndexOf("text");
        return rows.Skip(1).Where(r => r.Count > textColumn).Select(r => r[textColumn]).ToList();
    }

    /// <summary>A pool of distinct variants; posts are drawn from it so memory stays small at a million posts.</summary>
    public static string[] Resample(IReadOnlyList<string> texts, int poolSize, Random random)
    {
        var pool = new string[poolSize];
        for (var i = 0; i < poolSize; i++)
        {
            var a = texts[random.Next(texts.Count)];
            if (i < texts.Count || random.Next(3) == 0)
            {
                pool[i] = i < texts.Count ? texts[i] : a;
                continue;
            }
            var b = texts[random.Next(texts.Count)].Split(' ');
            var words = a.Split(' ');
            var cut = random.Next(1, Math.Max(2, words.Length));
            pool[i] = string.Join(' ', words.Take(cut).Concat(b.Skip(Math.Min(b.Length - 1, cut))));
        }
        return pool;
    }

    private static List<List<string>> ParseCsv(string content)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < content.Length && content[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < content.Length && content[i + 1] == '\n')
                    i++;
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
