using System.Globalization;

namespace Earshot.Core.Wording;

/// <summary>
/// A sentence for a person, kept as its English template and the values for its {0} places rather than as finished
/// text, so the page or API answer that shows it can say it in the reader's language: the template is the key of its
/// translations. <see cref="ToString"/> is the English, for the command line, logs and readers with no translation.
/// Templates are plain string literals where a phrase is made, so a test can read every one from the source.
/// </summary>
public sealed class Phrase : IEquatable<Phrase>
{
    // A lone null argument arrives as a null array.
    public Phrase(string template, params object?[]? args) => (Template, Args) = (template, args ?? [null]);

    private Phrase(object?[] args, string text) => (Template, Args, Translatable) = (text, args, false);

    public string Template { get; }

    /// <summary>The values for the template's places; a value that is itself a phrase is said in the same language.</summary>
    public IReadOnlyList<object?> Args { get; }

    /// <summary>False for text said elsewhere in one language only (a channel's own error, an already translated page string).</summary>
    public bool Translatable { get; } = true;

    /// <summary>Text passed on as it is: there is no template to translate.</summary>
    public static Phrase Verbatim(string text) => new([], text);

    /// <summary>Phrases one after another with <paramref name="separator"/> between them, each said in the reader's language.</summary>
    public static Phrase Joined(string separator, IEnumerable<Phrase> parts)
    {
        var args = parts.Cast<object?>().ToArray();
        var escaped = separator.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
        return new(args, string.Join(escaped, Enumerable.Range(0, args.Length).Select(i => "{" + i.ToString(CultureInfo.InvariantCulture) + "}")));
    }

    /// <summary>The sentence with its values in place, the template said in the language <paramref name="say"/> gives.</summary>
    public string Say(Func<Phrase, string> say, IFormatProvider culture)
    {
        var template = Translatable ? say(this) : Template;
        if (Args.Count == 0)
            return template;
        var args = Args.Select(a => a is Phrase inner ? inner.Say(say, culture) : a).ToArray();
        return string.Format(culture, template, args);
    }

    public override string ToString() => Say(p => p.Template, CultureInfo.InvariantCulture);

    // Equal when they say the same thing, so records holding phrases (a query error) compare by value.
    public bool Equals(Phrase? other) =>
        other is not null && Template == other.Template && Translatable == other.Translatable && Args.SequenceEqual(other.Args);

    public override bool Equals(object? obj) => Equals(obj as Phrase);

    public override int GetHashCode() => HashCode.Combine(Template, Translatable, Args.Count);
}
