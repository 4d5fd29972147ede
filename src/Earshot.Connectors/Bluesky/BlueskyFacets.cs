using System.Text;

namespace Earshot.Connectors.Bluesky;

public enum BlueskyFacetKind { Mention, Link, Tag }

/// <summary>A facet located in the text: <see cref="Start"/>/<see cref="Length"/> are UTF-16 positions in the C# string.</summary>
public sealed record BlueskyTextSpan(BlueskyFacetKind Kind, int Start, int Length, string Text, string Value);

/// <summary>
/// Resolves rich-text facets, whose index is in UTF-8 BYTES (not characters), to spans of the text.
/// Mentions carry the DID, so they stay correct when the handle changes. Facets pointing outside the text
/// or into the middle of a character are reported, not guessed.
/// </summary>
public static class BlueskyFacets
{
    public static IReadOnlyList<BlueskyTextSpan> Resolve(string text, IReadOnlyList<BlueskyFacet>? facets, out IReadOnlyList<string> problems)
    {
        var spans = new List<BlueskyTextSpan>();
        var issues = new List<string>();
        problems = issues;
        if (facets is null || facets.Count == 0)
            return spans;
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < facets.Count; i++)
        {
            var facet = facets[i];
            if (facet.Index is not { } index || index.ByteStart < 0 || index.ByteEnd > bytes.Length || index.ByteStart >= index.ByteEnd)
            {
                issues.Add($"facets[{i}]: byte range {facet.Index?.ByteStart}..{facet.Index?.ByteEnd} is outside the text ({bytes.Length} bytes)");
                continue;
            }
            if (IsContinuation(bytes, index.ByteStart) || IsContinuation(bytes, index.ByteEnd))
            {
                issues.Add($"facets[{i}]: byte range {index.ByteStart}..{index.ByteEnd} splits a UTF-8 character");
                continue;
            }
            var start = Encoding.UTF8.GetCharCount(bytes, 0, index.ByteStart);
            var length = Encoding.UTF8.GetCharCount(bytes, index.ByteStart, index.ByteEnd - index.ByteStart);
            var covered = text.Substring(start, length);
            foreach (var feature in facet.Features ?? [])
            {
                var span = feature.Type switch
                {
                    "app.bsky.richtext.facet#mention" when feature.Did is not null => new BlueskyTextSpan(BlueskyFacetKind.Mention, start, length, covered, feature.Did),
                    "app.bsky.richtext.facet#link" when feature.Uri is not null => new BlueskyTextSpan(BlueskyFacetKind.Link, start, length, covered, feature.Uri),
                    "app.bsky.richtext.facet#tag" when feature.Tag is not null => new BlueskyTextSpan(BlueskyFacetKind.Tag, start, length, covered, feature.Tag),
                    _ => null,
                };
                if (span is not null)
                    spans.Add(span);
            }
        }
        return spans;
    }

    /// <summary>The text with each link facet's display (often shortened: "example.com/a…") made readable.</summary>
    public static string ExpandLinks(string text, IReadOnlyList<BlueskyTextSpan> spans)
    {
        var links = spans.Where(s => s.Kind == BlueskyFacetKind.Link).OrderByDescending(s => s.Start).ToList();
        if (links.Count == 0)
            return text;
        var output = new StringBuilder(text);
        var limit = int.MaxValue;
        foreach (var link in links)
        {
            if (link.Start + link.Length > limit)
                continue; // overlapping facets: keep the later one only
            output.Remove(link.Start, link.Length).Insert(link.Start, Shared.HtmlText.ReadableLink(link.Text, link.Value));
            limit = link.Start;
        }
        return output.ToString();
    }

    private static bool IsContinuation(byte[] bytes, int index) => index < bytes.Length && (bytes[index] & 0xC0) == 0x80;
}
