namespace Earshot.Core.Understanding.Lexicon;

[Flags]
internal enum WordFlags : ushort
{
    None = 0,
    Negator = 1,
    Contrast = 2,
    Determiner = 4,
    Booster = 8,
    // Polite or enthusiastic words that customers often use sarcastically next to a service failure.
    SarcasmProne = 16,
    // Function words: never an aspect.
    Function = 32,
    QuestionWord = 64,
    // Thanks and the like: politeness, which in a request is not praise.
    Courtesy = 128,
}

/// <summary>Everything the model knows about one lower-cased word, found with a single dictionary lookup.</summary>
internal sealed class WordEntry(string word)
{
    public string Word { get; } = word;

    /// <summary>The word in quotes, as explanations show it; built once.</summary>
    public string Quoted { get; } = "'" + word + "'";

    /// <summary>Valence on the lexicon's -4..4 scale, or null when the word carries none.</summary>
    public double? Valence { get; set; }

    public WordFlags Flags { get; set; }

    /// <summary>For boosters and dampeners: the factor applied to the next sentiment word.</summary>
    public double Scale { get; set; } = 1;

    /// <summary>Bit per language (see <see cref="Language.LanguageDetector"/>) for which this is a stop word.</summary>
    public byte LanguageMask { get; set; }

    /// <summary>Multi-word and cue patterns that start with this word, longest first.</summary>
    public Pattern[] Patterns { get; set; } = [];

    public bool Has(WordFlags flag) => (Flags & flag) != 0;

    public override string ToString() => Word;
}

internal enum PatternKind
{
    Valence,
    Severity,
    Intent,
    Aspect,
}

/// <summary>A phrase and what it signals; <see cref="Words"/> are compared by reference after one lookup per token.</summary>
internal sealed class Pattern(PatternKind kind, WordEntry[] words, string tag, double value, bool serviceFailure)
{
    public PatternKind Kind { get; } = kind;
    public WordEntry[] Words { get; } = words;

    /// <summary>Severity cue name, intent name or aspect name.</summary>
    public string Tag { get; } = tag;

    /// <summary>Valence (-4..4) for sentiment patterns; weight for intent patterns.</summary>
    public double Value { get; } = value;

    /// <summary>A customer-care failure (delay, cancellation, waiting on hold): makes nearby praise suspect.</summary>
    public bool ServiceFailure { get; } = serviceFailure;

    public string Text { get; } = string.Join(' ', words.Select(w => w.Word));

    public string Quoted { get; } = "'" + string.Join(' ', words.Select(w => w.Word)) + "'";
}
