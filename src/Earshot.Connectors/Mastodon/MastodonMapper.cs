using System.Text.Json;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Mastodon;

/// <summary>Mastodon Status JSON → <see cref="IncomingPost"/>.</summary>
public static class MastodonMapper
{
    private const string Source = "mastodon status";

    /// <summary>Maps a bound status; a boost maps to the boosted status, which is the post being talked about.</summary>
    public static IncomingPost Map(MastodonStatus status, string rawPayload, MastodonMapperOptions? options = null) =>
        TryMap(status, rawPayload, options, out var post, out var error) ? post : throw new FormatException(error!.ToString());

    public static bool TryMap(string json, MastodonMapperOptions? options, out IncomingPost post, out string error)
    {
        post = null!;
        if (!ConnectorJson.TryParse(Source, json, out var document, out var parseError))
        {
            error = parseError!.ToString();
            return false;
        }
        using (document)
        {
            var ok = TryMap(document.RootElement, options, out post, out var mapError);
            error = mapError?.ToString() ?? "";
            return ok;
        }
    }

    public static bool TryMap(JsonElement element, MastodonMapperOptions? options, out IncomingPost post, out ConnectorError? error)
    {
        post = null!;
        return ConnectorJson.TryBind<MastodonStatus>(Source, element, ConnectorJson.SnakeCase, out var status, out error)
            && TryMap(status, element.GetRawText(), options, out post, out error);
    }

    public static bool TryMap(MastodonStatus status, string rawPayload, MastodonMapperOptions? options, out IncomingPost post, out ConnectorError? error)
    {
        options ??= MastodonMapperOptions.Default;
        post = null!;
        var original = status.Reblog ?? status;
        // The uri is the ActivityPub id: the same on every server, where "id" is local to the one we asked.
        if (string.IsNullOrWhiteSpace(original.Uri))
        {
            error = new ConnectorError(Source, $"status {original.Id ?? "(no id)"} has no uri", Path: "$.uri");
            return false;
        }
        if (original.Account is not { } account || (string.IsNullOrWhiteSpace(account.Acct) && string.IsNullOrWhiteSpace(account.Username)))
        {
            error = new ConnectorError(Source, $"status {original.Uri} has no account", Path: "$.account");
            return false;
        }

        var author = QualifiedAccount(account);
        var body = HtmlText.ToPlainText(original.Content);
        var warning = original.SpoilerText?.Trim();
        post = new IncomingPost
        {
            ExternalId = original.Uri,
            Channel = ChannelKind.Mastodon,
            Author = author,
            AuthorDisplayName = string.IsNullOrWhiteSpace(account.DisplayName) ? null : account.DisplayName,
            AuthorFollowers = account.FollowersCount,
            AuthorProfileUrl = account.Url,
            Text = string.IsNullOrEmpty(warning) ? body : $"{warning}\n\n{body}",
            CreatedAt = original.CreatedAt?.UtcDateTime,
            Url = original.Url ?? original.Uri,
            InReplyTo = original.InReplyToId,
            Language = string.IsNullOrWhiteSpace(original.Language) ? null : original.Language,
            IsBrand = options.BrandAccounts.Contains(author),
            RawPayload = rawPayload,
        };
        error = null;
        return true;
    }

    /// <summary>Maps a JSON array of statuses (timelines); bad items are reported and skipped, the rest kept.</summary>
    public static MappedBatch MapTimeline(string json, MastodonMapperOptions? options = null)
    {
        if (!ConnectorJson.TryParse(Source, json, out var document, out var error))
            return new MappedBatch([], [error!]);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
                return new MappedBatch([], [new ConnectorError(Source, $"expected an array of statuses, found {root.ValueKind}", Path: "$")]);
            return MapElements(root.EnumerateArray(), options, "$");
        }
    }

    /// <summary>Maps the <c>statuses</c> of a /api/v2/search response (empty on servers without full-text search).</summary>
    public static MappedBatch MapSearch(string json, MastodonMapperOptions? options = null)
    {
        if (!ConnectorJson.TryParse(Source, json, out var document, out var error))
            return new MappedBatch([], [error!]);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statuses", out var statuses) || statuses.ValueKind != JsonValueKind.Array)
                return new MappedBatch([], [new ConnectorError(Source, "search response has no statuses array", Path: "$.statuses")]);
            return MapElements(statuses.EnumerateArray(), options, "$.statuses");
        }
    }

    internal static MappedBatch MapElements(IEnumerable<JsonElement> elements, MastodonMapperOptions? options, string path)
    {
        var posts = new List<IncomingPost>();
        var errors = new List<ConnectorError>();
        var index = 0;
        foreach (var element in elements)
        {
            if (TryMap(element, options, out var post, out var error))
                posts.Add(post);
            else
                errors.Add(error! with { Path = $"{path}[{index}]{error!.Path?.TrimStart('$')}" });
            index++;
        }
        return new MappedBatch(posts, errors);
    }

    /// <summary>"user@host": acct lacks the host for accounts local to the serving instance, so take it from the profile url.</summary>
    public static string QualifiedAccount(MastodonAccount account)
    {
        var acct = string.IsNullOrWhiteSpace(account.Acct) ? account.Username! : account.Acct;
        if (acct.Contains('@', StringComparison.Ordinal))
            return acct.TrimStart('@');
        return Uri.TryCreate(account.Url, UriKind.Absolute, out var url) ? $"{acct}@{url.Authority}" : acct;
    }
}
