using System.Text.Json;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Bluesky;

/// <summary>One page of app.bsky.feed.searchPosts; <see cref="Cursor"/> null means no further page.</summary>
public sealed record BlueskySearchPage(IReadOnlyList<IncomingPost> Posts, string? Cursor, int? HitsTotal, IReadOnlyList<ConnectorError> Errors);

public static class BlueskySearch
{
    private const string Source = "bluesky search";

    public static BlueskySearchPage Map(string json, BlueskyMapperOptions? options = null)
    {
        if (!ConnectorJson.TryParse(Source, json, out var document, out var parseError))
            return new BlueskySearchPage([], null, null, [parseError!]);
        using (document)
        {
            if (!ConnectorJson.TryBind<BlueskySearchResponse>(Source, document.RootElement, ConnectorJson.CamelCase, out var response, out var bindError))
                return new BlueskySearchPage([], null, null, [bindError!]);
            var posts = new List<IncomingPost>();
            var errors = new List<ConnectorError>();
            var index = 0;
            foreach (var element in response.Posts ?? [])
            {
                var path = $"$.posts[{index++}]";
                if (!ConnectorJson.TryBind<BlueskyPostView>(Source, element, ConnectorJson.CamelCase, out var view, out var error))
                    errors.Add(error! with { Path = path + error.Path?.TrimStart('$') });
                else if (!BlueskyMapper.TrySplitAtUri(view.Uri, out var did, out _, out var rkey) || view.Record is not { ValueKind: JsonValueKind.Object } record)
                    errors.Add(new ConnectorError(Source, $"post view without an at:// uri or record ({view.Uri ?? "no uri"})", Path: path));
                else if (BlueskyMapper.TryMap(did, rkey, record, element.GetRawText(), options, view.Author, out var post, out error))
                    posts.Add(post);
                else
                    errors.Add(error! with { Path = path + ".record" + error.Path?.TrimStart('$') });
            }
            return new BlueskySearchPage(posts, string.IsNullOrEmpty(response.Cursor) ? null : response.Cursor, response.HitsTotal, errors);
        }
    }

    /// <summary>Reads an XRPC error body ({"error","message"}); plain-text bodies (the public AppView's 403) come back as the message.</summary>
    public static BlueskyXrpcError ReadError(string? body)
    {
        if (!string.IsNullOrWhiteSpace(body) && ConnectorJson.TryParse(Source, body, out var document, out _))
        {
            using (document)
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                    return new BlueskyXrpcError(document.RootElement.String("error"), document.RootElement.String("message"));
            }
        }
        return new BlueskyXrpcError(null, body?.Trim());
    }
}
