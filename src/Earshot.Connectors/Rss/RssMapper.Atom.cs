using System.Globalization;
using System.Xml.Linq;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Rss;

public static partial class RssMapper
{
    private static FeedPage MapAtom(XElement feed, RssMapperOptions options)
    {
        var feedTitle = NonEmpty(TextConstruct(feed.Element(Atom + "title")));
        var feedAuthor = AuthorName(feed);
        var posts = new List<IncomingPost>();
        var errors = new List<ConnectorError>();
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            var link = AlternateLink(entry);
            var body = TextConstruct(entry.Element(Atom + "content")) ?? TextConstruct(entry.Element(Atom + "summary")) ?? "";
            var dateText = entry.Element(Atom + "published")?.Value ?? entry.Element(Atom + "updated")?.Value;
            DateTime? created = DateTimeOffset.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.UtcDateTime : null;
            if (dateText is not null && created is null)
                errors.Add(At(entry, $"unreadable date '{dateText.Trim()}' (kept the entry, time unknown)"));
            var language = entry.Attribute(XNamespace.Xml + "lang")?.Value ?? feed.Attribute(XNamespace.Xml + "lang")?.Value;
            var author = AuthorName(entry) ?? feedAuthor ?? feedTitle ?? "unknown";
            var post = Build(entry, entry.Element(Atom + "id")?.Value, link, TextConstruct(entry.Element(Atom + "title")), body, author, created, language, options, errors);
            if (post is not null)
                posts.Add(post);
        }
        return new FeedPage(feedTitle, posts, errors);
    }

    private static string? AuthorName(XElement parent) => NonEmpty(parent.Element(Atom + "author")?.Element(Atom + "name")?.Value);

    private static string? AlternateLink(XElement entry)
    {
        var links = entry.Elements(Atom + "link").ToList();
        var chosen = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault();
        var href = chosen?.Attribute("href")?.Value;
        var baseUri = entry.Parent?.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value;
        if (href is not null && !Uri.IsWellFormedUriString(href, UriKind.Absolute)
            && Uri.TryCreate(baseUri, UriKind.Absolute, out var root) && Uri.TryCreate(root, href, out var absolute))
            return absolute.ToString();
        return href;
    }

    // Atom text constructs: type="text" (default), "html" (escaped markup) or "xhtml" (inline div).
    private static string? TextConstruct(XElement? element)
    {
        if (element is null)
            return null;
        return ((string?)element.Attribute("type")) switch
        {
            "html" => HtmlText.ToPlainText(element.Value),
            "xhtml" => HtmlText.ToPlainText(string.Concat(element.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)))),
            _ => element.Value.Trim(),
        };
    }
}
