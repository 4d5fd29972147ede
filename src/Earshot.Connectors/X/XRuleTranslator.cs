using Earshot.Core.Topics.Query;

namespace Earshot.Connectors.X;

/// <summary>
/// Turns a topic's query into an X filtered-stream rule (docs/QUERY-LANGUAGE.md, "X stream rules"). A construct X
/// cannot express is never narrowed, because a post X does not send is lost: it is broadened (NEAR becomes AND, a
/// wildcard or a follower count is left out) with a note, since every streamed post is matched again locally with
/// the exact topic. When nothing sound is left (only exclusions, a rule longer than the tier allows, a topic that
/// never matches an X post) the result says it cannot be expressed, and why.
/// </summary>
public static partial class XRuleTranslator
{
    public static XRuleTranslation Translate(string query, XRuleLimits? limits = null)
    {
        var parsed = QueryParser.Parse(query);
        if (parsed.Error is { } error)
            return NotExpressible($"the query does not parse ({error.Message} at column {error.Column})");
        return Translate(parsed.Query!, query, limits);
    }

    /// <summary><paramref name="query"/> is the text the node was parsed from: X matches accents exactly, so the written spelling is sent too.</summary>
    public static XRuleTranslation Translate(QueryNode node, string query, XRuleLimits? limits = null)
    {
        limits ??= new XRuleLimits();
        var notes = new List<string>();
        var part = new Translator(query, notes).Visit(node);
        if (part.Kind == PartKind.Never)
            return NotExpressible($"the topic never matches a post from X ({part.Text})");
        if (part.Kind == PartKind.Always)
            return NotExpressible(notes.Count == 0
                ? "the topic matches every X post, and X does not stream everything"
                : "nothing is left for X to filter on (" + string.Join("; ", notes) + ")");
        if (part.NegativeOnly)
            return NotExpressible("an X rule needs something to include; a rule of only exclusions would stream every post");
        if (!part.Standalone)
            return NotExpressible("lang: and is:reply need a word, phrase, #hashtag, @mention, $cashtag, author or link beside them on X");
        if (part.Text.Length > limits.MaxLength)
            return NotExpressible($"the rule would be {part.Text.Length} characters and X accepts at most {limits.MaxLength} (setting rule_max_length)");
        return new XRuleTranslation(part.Text, notes.Count == 0 ? XRuleFidelity.Exact : XRuleFidelity.Broader, notes.Distinct().ToList());
    }

    private static XRuleTranslation NotExpressible(string reason) => new(null, XRuleFidelity.NotExpressible, [], reason);

    private enum PartKind
    {
        /// <summary>Every X post satisfies it (channel:x, or a construct left out to broaden).</summary>
        Always,
        /// <summary>No X post satisfies it (channel:mastodon); Text says why.</summary>
        Never,
        /// <summary>A single operator: a keyword, phrase, #tag, field.</summary>
        Atom,
        /// <summary>Operators joined by spaces (AND).</summary>
        And,
        /// <summary>Operators joined by OR; Items holds them, for negation by De Morgan.</summary>
        Or,
    }

    /// <summary>
    /// Part of a rule. Standalone: X accepts it without another operator (lang: and is:reply are conjunction-required).
    /// NegativeOnly: made only of exclusions, which X refuses on their own and inside an OR.
    /// </summary>
    private sealed record Part(PartKind Kind, string Text, bool Standalone = true, bool NegativeOnly = false, IReadOnlyList<Part>? Items = null)
    {
        public static readonly Part Always = new(PartKind.Always, "");

        public static Part Never(string why) => new(PartKind.Never, why);

        public static Part Atom(string text, bool standalone = true) => new(PartKind.Atom, text, standalone);

        /// <summary>How it is written inside a larger expression: groups get parentheses.</summary>
        public string Nested => Kind is PartKind.And or PartKind.Or ? "(" + Text + ")" : Text;
    }
}
