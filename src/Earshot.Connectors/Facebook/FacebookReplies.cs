using System.Net.Http.Headers;
using System.Text.Json;
using Earshot.Connectors.Push;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;
using Microsoft.Extensions.Logging;

namespace Earshot.Connectors.Facebook;

/// <summary>Where a reply goes: the Graph API of a configured Page or Instagram account, with its token.</summary>
public sealed record MetaReplyTarget(ChannelKind Kind, Uri GraphUrl, string AccessToken)
{
    public static MetaReplyTarget Of(PushChannels.Found channel, PushChannels channels) =>
        new(channel.Kind, new Uri(channel.Setting("base_url") ?? MetaConnector.DefaultGraphUrl),
            channels.Secret(channel, "access_token") ?? throw new InvalidOperationException($"Channel {channel.Name} has no access token."));
}

/// <summary>Graph refused a reply; <see cref="Code"/> is Graph's error code (190 expired token, 200 permissions…).</summary>
public sealed class MetaReplyException(string message, int? code, bool throttled) : Exception(message)
{
    public int? Code { get; } = code;
    public bool Throttled { get; } = throttled;
}

/// <summary>
/// Answers a Facebook comment (`POST /{comment-id}/comments`) or an Instagram comment (`POST /{comment-id}/replies`)
/// as the Page. Throttling answers (codes 4, 17, 32, 613 and the 80001-series business limits, or any error Graph
/// marks transient) are retried after a growing wait; anything else is thrown at once, because retrying a permissions
/// or token error only burns budget. Network failures are not retried: the comment may have been posted.
/// Our replies come back through the webhook as the Page's own comments, which the mapper ignores.
/// </summary>
public sealed partial class FacebookReplies(IHttpClientFactory http, TimeProvider clock, FacebookRepliesOptions options, ILogger<FacebookReplies> logger)
{
    public const string HttpClientName = "meta-graph";

    /// <summary>Posts the reply; returns the new comment's id.</summary>
    public async Task<string> ReplyAsync(MetaReplyTarget target, string commentId, string message, CancellationToken cancellationToken)
    {
        var edge = target.Kind == ChannelKind.Instagram ? "replies" : "comments";
        var url = new Uri($"{target.GraphUrl.ToString().TrimEnd('/')}/{Uri.EscapeDataString(commentId)}/{edge}");
        var client = http.CreateClient(HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new FormUrlEncodedContent([new("message", message)]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.AccessToken);
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode && CreatedId(body) is { } id)
                return id;

            var error = GraphError.Parse(body, (int)response.StatusCode);
            if (error.Retryable && attempt < options.MaxAttempts)
            {
                var wait = options.Backoff.Delay(attempt);
                LogThrottled(logger, commentId, error.Code, wait.TotalSeconds);
                await Task.Delay(wait, clock, cancellationToken);
                continue;
            }
            throw new MetaReplyException($"Graph refused the reply ({error.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "HTTP " + (int)response.StatusCode}): {error.Message}", error.Code, error.Retryable);
        }
    }

    private static string? CreatedId(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply to {CommentId} throttled by Graph (code {Code}); retrying in {Seconds} s")]
    private static partial void LogThrottled(ILogger logger, string commentId, int? code, double seconds);
}

public sealed record FacebookRepliesOptions
{
    public int MaxAttempts { get; init; } = 4;
    public BackoffSchedule Backoff { get; init; } = BackoffSchedule.Doubling(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));
}
