using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Rss;

/// <summary>A parsed feed: its entries as posts, entries that could not be read, or one fatal error for bad XML.</summary>
public sealed record FeedPage(string? Title, IReadOnlyList<IncomingPost> Posts, IReadOnlyList<ConnectorError> Errors);

/// <summary>RSS 2.0 (and 0.9x/1.0 items) and Atom (RFC 4287) → <see cref="IncomingPost"/>.</summary>
public static partial class RssMapper
{
    internal const string Source = "feed";
    internal static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    internal static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    internal static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    public static bool TryParse(string xml, RssMapperOptions? options, out FeedPage page, out string error)
    {
        using var reader = new StringReader(xml);
        return TryParse(reader, options, out page, out error);
    }

    public static bool TryParse(TextReader reader, RssMapperOptions? options, out FeedPage page, out string error)
    {
        var result = Parse(reader, options, out var fatal);
        page = result;
        error = fatal?.ToString() ?? "";
        return fatal is null;
    }

    /// <summary>Parses a feed; malformed XML yields no posts and a <paramref name="fatal"/> error with line and column.</summary>
    public static FeedPage Parse(TextReader reader, RssMapperOptions? options, out ConnectorError? fatal)
    {
        options ??= RssMapperOptions.Default;
        var settings = new XmlReaderSettings
        {
            // Old RSS 0.91 feeds carry a DOCTYPE; skip it, and never resolve external entities.
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxCharacters,
            MaxCharactersFromEntities = 1024 * 1024,
        };
        XDocument document;
        try
        {
            using var xml = XmlReader.Create(reader, settings);
            document = XDocument.Load(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException exception)
        {
            // Limit violations carry no position (line 0); report none rather than a wrong one.
            fatal = exception.LineNumber > 0
                ? new ConnectorError(Source, $"malformed XML: {exception.Message}", exception.LineNumber, exception.LinePosition)
                : new ConnectorError(Source, $"malformed XML: {exception.Message}");
            return new FeedPage(null, [], []);
        }
        var root = document.Root!;
        fatal = null;
        if (root.Name == Atom + "feed")
            return MapAtom(root, options);
        if (root.Name.LocalName is "rss" or "RDF")
            return MapRss(root, options);
        fatal = new ConnectorError(Source, $"not a feed: root element is <{root.Name.LocalName}>", 1, 1);
        return new FeedPage(null, [], []);
    }

    internal static IncomingPost? Build(XElement item, string? id, string? link, string? title, string body, string author,
        DateTime? created, string? language, RssMapperOptions options, List<ConnectorError> errors)
    {
        var text = string.Join("\n\n", new[] { title?.Trim(), body }.Where(p => !string.IsNullOrWhiteSpace(p)));
        if (text.Length == 0 && link is null)
        {
            errors.Add(At(item, "entry has neither title, text nor link"));
            return null;
        }
        return new IncomingPost
        {
            // Without guid/id or link, a hash of the content is the only stable identity a re-poll will reproduce.
            ExternalId = NonEmpty(id) ?? NonEmpty(link) ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
            Channel = ChannelKind.Rss,
            Author = author,
            Text = text,
            CreatedAt = created,
            Url = NonEmpty(link),
            Language = NonEmpty(language),
            IsBrand = options.IsBrandFeed,
            RawPayload = item.ToString(SaveOptions.DisableFormatting),
        };
    }

    internal static ConnectorError At(XElement element, string message)
    {
        var info = (IXmlLineInfo)element;
        return new ConnectorError(Source, message, info.HasLineInfo() ? info.LineNumber : null, info.HasLineInfo() ? info.LinePosition : null);
    }

    internal static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
