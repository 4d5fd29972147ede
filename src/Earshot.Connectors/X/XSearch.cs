using System.Text.Json;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.X;

/// <summary>
/// One page of GET /2/tweets/search/recent. Poll with the first page's <see cref="XSearchMeta.NewestId"/> as
/// the next since_id, even while following next_token. Problems are partial errors that came with a 200.
/// </summary>
public sealed record XSearchPage(IReadOnlyList<IncomingPost> Posts, XSearchMeta Meta, IReadOnlyList<XProblem> Problems, IReadOnlyList<ConnectorError> Errors);

public static class XSearch
{
    private const string Source = "x search";

    public static XSearchPage MapRecent(string json, XMapperOptions? options = null)
    {
        var posts = new List<IncomingPost>();
        var errors = new List<ConnectorError>();
        if (!ConnectorJson.TryParse(Source, json, out var document, out var parseError))
            return new XSearchPage([], new XSearchMeta(), [], [parseError!]);
        using (document)
        {
            var root = document.RootElement;
            // "data" is absent, not empty, when nothing matched.
            if (!ConnectorJson.TryBind<XEnvelope<JsonElement?>>(Source, root, XJson.Options, out var envelope, out var bindError))
                return new XSearchPage([], new XSearchMeta(), [], [bindError!]);
            if (envelope.Data is { ValueKind: JsonValueKind.Array } data)
            {
                var index = 0;
                foreach (var item in data.EnumerateArray())
                {
                    if (ConnectorJson.TryBind<XTweet>(Source, item, XJson.Options, out var tweet, out var error)
                        && XMapper.TryMap(tweet, envelope.Includes, item.GetRawText(), options, out var post, out error))
                        posts.Add(post);
                    else
                        errors.Add(error! with { Path = $"$.data[{index}]{error!.Path?.TrimStart('$')}" });
                    index++;
                }
            }
            else if (envelope.Data is { ValueKind: not JsonValueKind.Null })
            {
                errors.Add(new ConnectorError(Source, $"expected data to be an array, found {envelope.Data.Value.ValueKind}", Path: "$.data"));
            }
            return new XSearchPage(posts, envelope.Meta ?? new XSearchMeta(), envelope.Errors?.OfType<XProblem>().ToList() ?? [], errors);
        }
    }
}
