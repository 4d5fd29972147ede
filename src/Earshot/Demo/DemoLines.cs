using System.Globalization;

namespace Earshot.Demo;

/// <summary>What the demo's customers and agents say, and who the customers are, read once from the files beside this one.</summary>
internal static class DemoLines
{
    /// <summary>A line of <c>DemoPosts.tsv</c>: what kind of post it is, its language and its words.</summary>
    public sealed record Line(string Kind, string Language, string Text);

    /// <summary>A line of <c>DemoCustomers.tsv</c>.</summary>
    public sealed record Customer(string Handle, string Name, int Followers, string Language)
    {
        /// <summary>What an agent calls them: the first word of their name, unless that is their handle.</summary>
        public string FirstName => Name.Split(' ')[0].TrimEnd('.');
    }

    /// <summary>Kinds of post a customer starts with (the rest answer something).</summary>
    public static readonly string[] Openers = ["complaint", "gripe", "question", "praise", "suggestion", "chatter", "competitor"];

    public const string Outage = "outage";
    public const string StillWaiting = "still_waiting";
    public const string Thanks = "thanks";

    public static IReadOnlyList<Line> Posts { get; } = Read("DemoPosts.tsv", 3, f => new Line(f[0], f[1], f[2]));

    public static IReadOnlyList<Customer> Customers { get; } =
        Read("DemoCustomers.tsv", 4, f => new Customer(f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture), f[3]));

    public static IReadOnlyList<Line> Of(string kind) => Posts.Where(p => p.Kind == kind).ToList();

    /// <summary>An agent's reply of this kind in the customer's language, or in English when none is written in it.</summary>
    public static (string Language, string Text) Reply(Random random, string kind, string language)
    {
        var lines = Posts.Where(p => p.Kind == "reply_" + kind && p.Language == language).ToList();
        if (lines.Count == 0)
            lines = Posts.Where(p => p.Kind == "reply_" + kind && p.Language == "en").ToList();
        var line = lines[random.Next(lines.Count)];
        return (line.Language, line.Text);
    }

    private static List<T> Read<T>(string file, int fields, Func<string[], T> parse)
    {
        using var stream = typeof(DemoLines).Assembly.GetManifestResourceStream("Earshot.Demo." + file)
            ?? throw new InvalidOperationException($"{file} is not embedded in the build.");
        using var reader = new StreamReader(stream);
        var rows = new List<T>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var parts = line.Split('\t');
            if (parts.Length != fields)
                throw new FormatException($"{file} line {number}: {fields} tab-separated fields expected, found {parts.Length}.");
            rows.Add(parse(parts));
        }
        return rows;
    }
}
