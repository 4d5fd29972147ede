using System.Xml.Linq;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Rss;

public static partial class RssMapper
{
    private static FeedPage MapRss(XElement root, RssMapperOptions options)
    {
        // RSS 2.0 nests items in <channel>; RSS 1.0 (RDF) puts them beside it, in its own namespace.
        var channel = root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel");
        var feedTitle = NonEmpty(Child(channel, "title"));
        var language = Child(channel, "language") ?? channel?.Element(Dc + "language")?.Value;
        var posts = new List<IncomingPost>();
        var errors = new List<ConnectorError>();
        var items = (channel?.Elements() ?? []).Concat(root.Elements()).Where(e => e.Name.LocalName == "item");
        foreach (var item in items)
        {
            var guid = Child(item, "guid");
            var link = Child(item, "link");
            var html = item.Element(Content + "encoded")?.Value ?? Child(item, "description");
            var author = NonEmpty(item.Element(Dc + "creator")?.Value) ?? NonEmpty(Child(item, "author")) ?? feedTitle ?? "unknown";
            var dateText = Child(item, "pubDate") ?? item.Element(Dc + "date")?.Value;
            DateTime? created = Rfc822Date.TryParse(dateText, out var utc) ? utc : null;
            if (dateText is not null && created is null)
                errors.Add(At(item, $"unreadable date '{dateText.Trim()}' (kept the item, time unknown)"));
            var post = Build(item, guid, link, Child(item, "title"), HtmlText.ToPlainText(html), author, created, language, options, errors);
            if (post is not null)
                posts.Add(post);
        }
        return new FeedPage(feedTitle, posts, errors);
    }

    // RSS 2.0 elements have no namespace, RSS 1.0 ones do: match on the local name.
    private static string? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName && (e.Name.Namespace == XNamespace.None || e.Name.NamespaceName.Contains("rss", StringComparison.OrdinalIgnoreCase)))?.Value;
}
