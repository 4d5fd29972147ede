using System.Globalization;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Intake;
using Earshot.Connectors.Push;
using Earshot.Core.Posts;
using Earshot.Engine.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Earshot.Api;

/// <summary>
/// `POST /api/intake/{channel}`: posts pushed by other systems, signed with the channel's secret (see
/// <see cref="IntakeSignature"/>). Open to unauthenticated callers because the signature is the authentication.
/// Every refusal is logged and nothing of a refused request is stored.
/// </summary>
public static partial class IntakeApi
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxBatch = 1_000;

    public static void MapIntakeApi(this WebApplication app)
    {
        app.MapPost("/api/intake/{channel}", ReceiveAsync).WithTags("Intake").WithName("IntakeWebhook")
            .AllowAnonymous()
            .Produces<PostsApi.IngestResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithDescription("One post or an array in the JSONL post format, signed: X-Earshot-Timestamp (Unix seconds) and X-Earshot-Signature: sha256=HMAC-SHA256(secret, timestamp + \".\" + raw body). Valid items are stored even when others are invalid; the invalid ones are listed by index and field.");
    }

    private static async Task<IResult> ReceiveAsync(
        string channel, HttpRequest request, PushChannels channels, IngestService ingest, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("Earshot.Api.IntakeApi");
        var body = await RawBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
            return Refuse(logger, request, channel, StatusCodes.Status413PayloadTooLarge, "Payload too large", $"the body is larger than {MaxBodyBytes} bytes; send smaller batches");
        var found = await channels.FindAsync(ChannelKind.Intake, channel, cancellationToken);
        if (found is null)
            return Refuse(logger, request, channel, StatusCodes.Status404NotFound, "No such intake channel", $"no single intake channel has the name or id '{channel}'");

        var verdict = IntakeSignature.Check(channels.Secret(found, "secret")!, request.Headers[IntakeSignature.TimestampHeader],
            request.Headers[IntakeSignature.SignatureHeader], body, clock.GetUtcNow());
        switch (verdict)
        {
            case IntakeVerdict.Missing:
                return Refuse(logger, request, channel, StatusCodes.Status401Unauthorized, "Not signed", $"send {IntakeSignature.TimestampHeader} and {IntakeSignature.SignatureHeader}");
            case IntakeVerdict.Malformed:
                return Refuse(logger, request, channel, StatusCodes.Status401Unauthorized, "Unreadable signature", $"{IntakeSignature.TimestampHeader} must be Unix seconds and {IntakeSignature.SignatureHeader} sha256= and 64 hex digits");
            case IntakeVerdict.Stale:
                return Refuse(logger, request, channel, StatusCodes.Status403Forbidden, "Stale timestamp", $"the request was signed more than {IntakeSignature.Tolerance.TotalMinutes} minutes from now; sign each request when sending it");
            case IntakeVerdict.Mismatch:
                return Refuse(logger, request, channel, StatusCodes.Status403Forbidden, "Bad signature", "the signature does not match the body and the channel's secret");
        }
        // Checked above: Unix seconds within minutes of now.
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(request.Headers[IntakeSignature.TimestampHeader]!, CultureInfo.InvariantCulture)).UtcDateTime;
        return await IngestAsync(logger, request, found, body, signedAt, channels, ingest, cancellationToken);
    }

    private static async Task<IResult> IngestAsync(
        ILogger logger, HttpRequest request, PushChannels.Found channel, byte[] body, DateTime signedAt, PushChannels channels, IngestService ingest,
        CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException error)
        {
            return Refuse(logger, request, channel.Name, StatusCodes.Status400BadRequest, "The body is not valid JSON",
                $"line {(error.LineNumber ?? 0) + 1}, column {(error.BytePositionInLine ?? 0) + 1}: expected one post object or an array of them");
        }
        using (document)
        {
            var root = document.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            if (items.Count is 0 or > MaxBatch)
                return Refuse(logger, request, channel.Name, StatusCodes.Status400BadRequest, "Wrong batch size", $"send between 1 and {MaxBatch} posts per request");

            // Items are always named by position here: a sender's batch of one is still a batch.
            var (read, errors) = PostJson.ReadAll(items, indexed: true);
            // The signed time orders the versions of a post: a replay of an older message (valid for minutes) finds a
            // newer edit stored and changes nothing.
            var accepted = read.ConvertAll(post => post with { RevisedAt = signedAt });

            var outcomes = await ingest.IngestToChannelAsync(channel.WorkspaceId, channel.Id, accepted, cancellationToken);
            await channels.RecordDeliveryAsync(channel.Id, outcomes.Count(o => o.Status != Storage.Ingest.IngestStatus.Duplicate), cancellationToken);
            var refused = RefusedItems.Of(items, errors);
            var indexes = Enumerable.Range(0, items.Count).Where(i => !refused.Exists(r => r.Index == i)).ToList();
            var results = accepted.Select((post, i) => new PostsApi.IngestResult(post.ExternalId, outcomes[i].PostId,
                outcomes[i].Status.ToString().ToLowerInvariant(), indexes[i])).ToList();
            if (errors.Count == 0)
                return TypedResults.Accepted((string?)null, new PostsApi.IngestResponse(results.Select(r => r.PostId).ToList(), results));

            LogInvalidItems(logger, channel.Name, errors.Count, items.Count);
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: $"{items.Count - accepted.Count} of {items.Count} posts are invalid; the other {accepted.Count} were stored",
                detail: "fix the listed items and send them again; sending the stored ones again is harmless",
                extensions: new Dictionary<string, object?> { ["errors"] = errors, ["refused"] = refused, ["results"] = results });
        }
    }

    private static ProblemHttpResult Refuse(ILogger logger, HttpRequest request, string channel, int status, string title, string detail)
    {
        LogRefused(logger, channel, status, title, request.HttpContext.Connection.RemoteIpAddress?.ToString());
        return TypedResults.Problem(statusCode: status, title: title, detail: detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake {Channel}: refused a delivery from {Remote} with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string channel, int status, string reason, string? remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake {Channel}: {Invalid} of {Total} items were invalid and not stored")]
    private static partial void LogInvalidItems(ILogger logger, string channel, int invalid, int total);
}
