using System.Globalization;

namespace Earshot.Core.Understanding.Lexicon;

/// <summary>
/// Reads care-patterns.tsv: lines of "kind TAB value TAB phrase | phrase | ...". Written by hand from general
/// customer-care knowledge (delays, refunds, waiting on hold, outages), not fitted to any evaluation set.
/// </summary>
internal sealed class CarePatternReader(Lexicon lexicon)
{
    public void Read(TextReader reader, List<Pattern> patterns)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var fields = line.Split('\t');
            if (fields.Length != 3)
                throw new FormatException($"care-patterns.tsv line {lineNumber}: expected kind, value and phrases separated by tabs.");
            var (kind, value, phrases) = (fields[0], fields[1], fields[2]);
            var items = phrases.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var phrase in items)
                Apply(kind, value, phrase, patterns, lineNumber);
        }
    }

    private void Apply(string kind, string value, string phrase, List<Pattern> patterns, int lineNumber)
    {
        switch (kind)
        {
            case "valence":
            case "failure":
                var valence = Number(value);
                var words = lexicon.Phrase(phrase);
                if (words.Length == 1 && kind == "valence")
                    words[0].Valence = valence;
                else
                    patterns.Add(new Pattern(PatternKind.Valence, words, "", valence, serviceFailure: kind == "failure"));
                break;
            case "emoji":
                lexicon.GetOrAdd(phrase).Valence = Number(value);
                break;
            case "negator":
                lexicon.GetOrAdd(phrase).Flags |= WordFlags.Negator;
                break;
            case "contrast":
                lexicon.GetOrAdd(phrase).Flags |= WordFlags.Contrast;
                break;
            case "determiner":
                lexicon.GetOrAdd(phrase).Flags |= WordFlags.Determiner | WordFlags.Function;
                break;
            case "function":
                lexicon.GetOrAdd(phrase).Flags |= WordFlags.Function;
                break;
            case "question-word":
                lexicon.GetOrAdd(phrase).Flags |= WordFlags.QuestionWord | WordFlags.Function;
                break;
            case "courtesy":
                lexicon.GetOrAdd(phrase).Flags |= WordFlags.Courtesy | WordFlags.SarcasmProne;
                break;
            case "sarcasm-prone":
                lexicon.GetOrAdd(phrase).Flags |= WordFlags.SarcasmProne;
                break;
            case "scale":
                var entry = lexicon.GetOrAdd(phrase);
                entry.Flags |= WordFlags.Booster;
                entry.Scale = Number(value);
                break;
            case "severity":
                patterns.Add(new Pattern(PatternKind.Severity, lexicon.Phrase(phrase), value, 1, serviceFailure: false));
                break;
            case "intent":
                var (tag, weight) = TagAndWeight(value);
                patterns.Add(new Pattern(PatternKind.Intent, lexicon.Phrase(phrase), tag, weight, serviceFailure: false));
                break;
            case "aspect":
                patterns.Add(new Pattern(PatternKind.Aspect, lexicon.Phrase(phrase), value, 1, serviceFailure: false));
                break;
            case "lang":
                var bit = Language.LanguageDetector.Bit(value);
                foreach (var word in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var stop = lexicon.GetOrAdd(word);
                    stop.LanguageMask |= bit;
                    if (value == "en")
                        stop.Flags |= WordFlags.Function;
                }
                break;
            default:
                throw new FormatException($"care-patterns.tsv line {lineNumber}: unknown kind '{kind}'.");
        }
    }

    private static (string Tag, double Weight) TagAndWeight(string value)
    {
        var star = value.IndexOf('*', StringComparison.Ordinal);
        return star < 0 ? (value, 1.0) : (value[..star], Number(value[(star + 1)..]));
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
