using System.Globalization;
using System.Resources;
using Earshot.Core.Wording;

namespace Earshot.Wording;

/// <summary>
/// The translations of the phrases services refuse and explain with (validation, refusals, case work), keyed by their
/// English template, in PhraseStrings.resx and its translations beside it; the query language's messages are in
/// QueryPhraseStrings.resx. Pages and the API say a phrase here, at the edge, in the request's language (the user's
/// choice, else Accept-Language, else English).
/// </summary>
public sealed class PhraseStrings
{
    private static readonly ResourceManager Resources = new(typeof(PhraseStrings));

    // Apart because resource names must differ in more than case, and the parser's "Unknown channel …" differs from
    // the post filter's "unknown channel …" in nothing else. Lookups are case-sensitive, so each finds its own.
    private static readonly ResourceManager QueryResources = new(typeof(QueryPhraseStrings));

    /// <summary>The phrase in the current request's language; its English template where there is no translation.</summary>
    public static string Say(Phrase phrase) => Say(phrase, CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);

    /// <summary>The phrase in <paramref name="language"/>, its values formatted as <paramref name="format"/> does.</summary>
    public static string Say(Phrase phrase, CultureInfo language, CultureInfo format) =>
        phrase.Say(p => Resources.GetString(p.Template, language) ?? QueryResources.GetString(p.Template, language) ?? p.Template, format);

    /// <summary>Problems by field, each said in the request's language.</summary>
    public static Dictionary<string, string[]> Say(IReadOnlyDictionary<string, Phrase[]> problems) =>
        problems.ToDictionary(p => p.Key, p => p.Value.Select(Say).ToArray(), StringComparer.Ordinal);
}
