using System.Globalization;
using System.Reflection;

namespace Earshot.Core.Understanding.Lexicon;

/// <summary>
/// The built-in model's knowledge: the VADER valence lexicon plus our own customer-care patterns, stop words,
/// emoji and negators, merged into one dictionary so each token costs a single lookup.
/// </summary>
internal sealed class Lexicon
{
    private readonly Dictionary<string, WordEntry> _words = new(StringComparer.Ordinal);

    public Dictionary<string, WordEntry>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

    private Lexicon()
    {
        Lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static Lexicon Default { get; } = LoadEmbedded();

    public WordEntry? Find(ReadOnlySpan<char> lowered) => Lookup.TryGetValue(lowered, out var entry) ? entry : null;

    private static Lexicon LoadEmbedded()
    {
        var lexicon = new Lexicon();
        var patterns = new List<Pattern>();
        using (var reader = OpenResource("vader-lexicon.tsv"))
            lexicon.ReadValenceLexicon(reader, patterns);
        using (var reader = OpenResource("care-patterns.tsv"))
            new CarePatternReader(lexicon).Read(reader, patterns);
        lexicon.IndexPatterns(patterns);
        return lexicon;
    }

    private static StreamReader OpenResource(string name)
    {
        var assembly = typeof(Lexicon).Assembly;
        var full = "Earshot.Core.Understanding.Resources." + name;
        var stream = assembly.GetManifestResourceStream(full)
            ?? throw new InvalidOperationException($"Embedded resource {full} is missing from {assembly.GetName().Name}.");
        return new StreamReader(stream);
    }

    public WordEntry GetOrAdd(string word)
    {
        if (!_words.TryGetValue(word, out var entry))
        {
            entry = new WordEntry(word);
            _words[word] = entry;
        }
        return entry;
    }

    public WordEntry[] Phrase(string phrase) =>
        phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(GetOrAdd).ToArray();

    private void ReadValenceLexicon(TextReader reader, List<Pattern> patterns)
    {
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var token = line[..tab];
            var valence = double.Parse(line[(tab + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            if (token.Contains(' ', StringComparison.Ordinal))
                patterns.Add(new Pattern(PatternKind.Valence, Phrase(token), "", valence, serviceFailure: false));
            else
                GetOrAdd(token).Valence = valence;
        }
    }

    private void IndexPatterns(List<Pattern> patterns)
    {
        foreach (var group in patterns.GroupBy(p => p.Words[0]))
            group.Key.Patterns = group.OrderByDescending(p => p.Words.Length).ToArray();
    }
}
