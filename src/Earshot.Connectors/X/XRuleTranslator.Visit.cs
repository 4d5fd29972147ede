using Earshot.Core.Topics.Matching;
using Earshot.Core.Topics.Query;

namespace Earshot.Connectors.X;

public static partial class XRuleTranslator
{
    /// <summary>One walk over a query's tree, collecting a note for every broadening.</summary>
    private sealed class Translator(string query, List<string> notes)
    {
        public Part Visit(QueryNode node) => node switch
        {
            TermNode term => Term(term),
            PhraseNode phrase => Phrase(phrase),
            WildcardNode wildcard => Broaden($"{wildcard.Pattern} left out (X has no wildcards or prefix matching)"),
            FieldNode field => Field(field),
            FollowersNode => Broaden("followers: left out (X rules have no follower count)"),
            AndNode and => And(and.Children.Select(Visit).ToList()),
            OrNode or => Or(or.Children.Select(Visit).ToList()),
            NotNode not => Not(not),
            NearNode near => Near(near),
            _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name),
        };

        private Part Broaden(string note)
        {
            notes.Add(note);
            return Part.Always;
        }

        private Part Term(TermNode term)
        {
            if (term.ExactCase)
                notes.Add($"{{{term.Text}}} sent without its case (X ignores case)");
            var text = term.Text;
            if (text.Length > 1 && text[0] == '@' && text.IndexOf('@', 1) > 0)
            {
                // A fediverse handle: on X only its first part can be a mention.
                notes.Add($"{text} sent as {text[..text.IndexOf('@', 1)]} (X mentions have no server)");
                return Part.Atom(text[..text.IndexOf('@', 1)]);
            }
            var keyword = Keyword(text);
            if (term.ExactCase || text[0] is '#' or '@' or '$' || WrittenSpelling(term) is not { } written)
                return Part.Atom(keyword);
            // X's stream matches accents exactly: "café" in a topic also means "cafe" here, so send both spellings.
            var items = new List<Part> { Part.Atom(keyword), Part.Atom(Keyword(written)) };
            return new Part(PartKind.Or, string.Join(" OR ", items.Select(i => i.Text)), Items: items);
        }

        private Part Phrase(PhraseNode phrase)
        {
            if (phrase.Terms.Any(t => t.ExactCase))
                notes.Add($"{{{string.Join(' ', phrase.Terms.Select(t => t.Text))}}} sent without its case (X ignores case)");
            return Part.Atom("\"" + string.Join(' ', phrase.Terms.Select(t => t.Text)) + "\"");
        }

        private Part Field(FieldNode field) => field.Field switch
        {
            QueryField.Author when field.Value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') => Part.Atom("from:" + field.Value),
            QueryField.Author => Part.Never($"author:{field.Value} is not an X username"),
            QueryField.Channel when field.Value == "x" => Part.Always,
            QueryField.Channel => Part.Never($"channel:{field.Value}"),
            QueryField.Lang when field.Value.IndexOf('-') is > 0 and var dash => Lang(field.Value, dash),
            QueryField.Lang => Part.Atom("lang:" + field.Value, standalone: false),
            QueryField.Country => Part.Never($"country:{field.Value}: X posts carry no country in Earshot"),
            QueryField.Is when field.Value == "reply" => Part.Atom("is:reply", standalone: false),
            QueryField.Is => Broaden("is:brand left out (the brand's accounts are known locally, not to the rule)"),
            QueryField.Url => UrlPart($"url:{field.Value}", field.Value),
            _ => UrlPart($"site:{field.Value}", field.Value),
        };

        private Part Lang(string value, int dash)
        {
            notes.Add($"lang:{value} sent as lang:{value[..dash]} (X has no regional languages)");
            return Part.Atom("lang:" + value[..dash], standalone: false);
        }

        private Part UrlPart(string written, string value)
        {
            notes.Add($"{written} sent as X's url: (a token match, so more links match; the link is checked locally)");
            return Part.Atom("url:\"" + value + "\"");
        }

        private Part Near(NearNode near)
        {
            // NEAR/0f between two plain words is exactly a phrase.
            if (near is { Distance: 0, Ordered: true, Left: TermNode { ExactCase: false } a, Right: TermNode { ExactCase: false } b })
                return Part.Atom($"\"{a.Text} {b.Text}\"");
            // X's "a b"~N counts distance its own way and tighter in reverse order: it could drop posts we match.
            notes.Add($"NEAR/{near.Distance}{(near.Ordered ? "f" : "")} broadened to AND (X has no proximity operator that matches ours)");
            return And([Visit(near.Left), Visit(near.Right)]);
        }

        private Part Not(NotNode not)
        {
            if (not.Child is NotNode inner)
                return Visit(inner.Child);
            var inside = new List<string>();
            var child = new Translator(query, inside).Visit(not.Child);
            if (inside.Count > 0)
                return Broaden("NOT left out, since X cannot exclude exactly: " + string.Join("; ", inside));
            switch (child.Kind)
            {
                case PartKind.Always:
                    return Part.Never("NOT channel:x");
                case PartKind.Never:
                    return Part.Always;
                case PartKind.Atom when !child.NegativeOnly:
                    return new Part(PartKind.Atom, "-" + child.Text, Standalone: false, NegativeOnly: true);
                case PartKind.Or when child.Items!.All(i => i.Kind == PartKind.Atom && !i.NegativeOnly):
                    // X refuses a negated group: -(a OR b) is written -a -b.
                    var negated = child.Items!.Select(i => new Part(PartKind.Atom, "-" + i.Text, false, true)).ToList();
                    return new Part(PartKind.And, string.Join(' ', negated.Select(n => n.Text)), false, true, negated);
                default:
                    return Broaden("NOT of a group left out (X cannot negate a group)");
            }
        }

        private static Part And(List<Part> parts)
        {
            if (parts.FirstOrDefault(p => p.Kind == PartKind.Never) is { } never)
                return never;
            parts.RemoveAll(p => p.Kind == PartKind.Always);
            if (parts.Count == 0)
                return Part.Always;
            if (parts.Count == 1)
                return parts[0];
            var flat = parts.SelectMany(p => p.Kind == PartKind.And ? p.Items ?? [p] : [p]).ToList();
            return new Part(PartKind.And, string.Join(' ', flat.Select(p => p.Kind == PartKind.Or ? p.Nested : p.Text)),
                Standalone: flat.Any(p => p.Standalone && !p.NegativeOnly), NegativeOnly: flat.All(p => p.NegativeOnly), Items: flat);
        }

        private Part Or(List<Part> parts)
        {
            if (parts.Any(p => p.NegativeOnly))
                return Broaden("an OR with a NOT inside left out (X cannot OR an exclusion)");
            if (parts.Any(p => p.Kind == PartKind.Always))
                return Part.Always;
            var reasons = parts.Where(p => p.Kind == PartKind.Never).Select(p => p.Text).ToList();
            parts.RemoveAll(p => p.Kind == PartKind.Never);
            if (parts.Count == 0)
                return Part.Never(string.Join(", ", reasons));
            if (parts.Count == 1)
                return parts[0];
            var flat = parts.SelectMany(p => p.Kind == PartKind.Or ? p.Items! : [p]).ToList();
            return new Part(PartKind.Or, string.Join(" OR ", flat.Select(p => p.Kind == PartKind.And ? p.Nested : p.Text)),
                Standalone: flat.All(p => p.Standalone), Items: flat);
        }

        /// <summary>
        /// The term as written in the query, lower-cased, when it differs from the folded term only by accents
        /// (café for cafe); null otherwise.
        /// </summary>
        private string? WrittenSpelling(TermNode term)
        {
            var start = term.Column - 1;
            if (start < 0 || start >= query.Length)
                return null;
            var end = start;
            while (end < query.Length && !char.IsWhiteSpace(query[end]) && query[end] is not ('(' or ')' or '"' or '{' or '}'))
                end++;
            var written = query[start..end].TrimEnd('.', ',', '!', '?', ';', ':').ToLowerInvariant();
            return written != term.Text && TextFolding.FoldString(written) == term.Text ? written : null;
        }

        /// <summary>A keyword, quoted when X would read it otherwise (punctuation inside, or an operator name).</summary>
        private static string Keyword(string text) =>
            text is "OR" or "AND" || text.Any(c => c < 128 && !char.IsAsciiLetterOrDigit(c) && c is not ('_' or '#' or '@' or '$'))
                ? "\"" + text + "\""
                : text;
    }
}
