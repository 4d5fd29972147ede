using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Facebook;
using Earshot.Connectors.Push;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Earshot.Api;

/// <summary>
/// `/api/webhooks/facebook`: the callback of a Meta app for Page feed and Instagram comment webhooks. The GET answers
/// Meta's subscription handshake; the POST checks `X-Hub-Signature-256` over the raw bytes with the app secret of the
/// channel the delivery names, stores the delivery and answers 200 at once. Processing happens from the stored copy
/// (<see cref="MetaPushWorker"/>). Open to unauthenticated callers: the signature is the authentication.
/// </summary>
public static partial class MetaPushApi
{
    // Meta batches up to 1,000 changes into one delivery.
    public const int MaxBodyBytes = 4 * 1024 * 1024;
    public const string SignatureHeader = "X-Hub-Signature-256";
    private static readonly ChannelKind[] Kinds = [ChannelKind.Facebook, ChannelKind.Instagram];

    public static void MapMetaPushApi(this WebApplication app)
    {
        var webhooks = app.MapGroup("/api/webhooks/facebook").WithTags("Webhooks").AllowAnonymous();
        webhooks.MapGet("/", VerifyAsync).WithName("FacebookWebhookHandshake");
        webhooks.MapPost("/", ReceiveAsync).WithName("FacebookWebhook")
            .WithDescription("A Meta webhook delivery (object page or instagram), signed with X-Hub-Signature-256 over the raw body.");
    }

    private static async Task<IResult> VerifyAsync(HttpRequest request, PushChannels channels, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("Earshot.Api.MetaPushApi");
        var token = request.Query["hub.verify_token"].ToString();
        var challenge = request.Query["hub.challenge"].ToString();
        if (request.Query["hub.mode"] != "subscribe" || challenge.Length == 0)
            return Refuse(logger, request, StatusCodes.Status400BadRequest, "Not a subscription handshake", "expected hub.mode=subscribe, hub.verify_token and hub.challenge");
        var configured = await channels.ListAsync(Kinds, cancellationToken);
        var tokenBytes = Encoding.UTF8.GetBytes(token);
        if (!configured.Any(c => channels.Secret(c, "verify_token") is { } expected
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), tokenBytes)))
            return Refuse(logger, request, StatusCodes.Status403Forbidden, "Wrong verify token", "no Facebook or Instagram channel has this verify token");
        return TypedResults.Text(challenge, "text/plain");
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, PushChannels channels, PushReceipts receipts, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("Earshot.Api.MetaPushApi");
        var body = await RawBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
            return Refuse(logger, request, StatusCodes.Status413PayloadTooLarge, "Payload too large", $"the body is larger than {MaxBodyBytes} bytes");
        if (!HmacSignature.TryParse(request.Headers[SignatureHeader], out var claimed))
            return Refuse(logger, request, StatusCodes.Status401Unauthorized, "Not signed", $"send {SignatureHeader}: sha256=<hex HMAC-SHA256 of the body with the app secret>");

        // The body is not trusted yet; it is read only to learn whose app secret to check it with.
        ChannelKind kind;
        IReadOnlyList<string> accounts;
        try
        {
            (kind, accounts) = MetaPushMapper.Accounts(body);
        }
        catch (JsonException error)
        {
            return Refuse(logger, request, StatusCodes.Status400BadRequest, "Not a Meta delivery", error.Message);
        }
        var named = (await channels.ListAsync([kind], cancellationToken))
            .Where(c => accounts.Contains(MetaConnector.AccountOf(c) ?? "", StringComparer.Ordinal)).ToList();
        // An account with no channel is answered exactly as a bad signature, so anonymous callers cannot learn which
        // pages are configured; the log says which it was.
        if (named.Count == 0)
        {
            LogUnknownAccount(logger, kind.WireName(), string.Join(", ", accounts));
            return Refuse(logger, request, StatusCodes.Status403Forbidden, BadSignature, BadSignatureDetail);
        }
        var secrets = named.Select(c => channels.Secret(c, "app_secret")).OfType<string>().Distinct(StringComparer.Ordinal);
        if (!secrets.Any(secret => HmacSignature.Matches(secret, [], body, claimed)))
            return Refuse(logger, request, StatusCodes.Status403Forbidden, BadSignature, BadSignatureDetail);

        if (!await receipts.StoreAsync(MetaPushProcessor.Source, body, cancellationToken))
            LogRepeated(logger, kind.WireName());
        // 200, not 202: Meta treats anything else as a failure and retries for up to 36 hours.
        return TypedResults.Ok();
    }

    private const string BadSignature = "Bad signature";
    private const string BadSignatureDetail = "the signature does not match the body and the app secret";

    private static ProblemHttpResult Refuse(ILogger logger, HttpRequest request, int status, string title, string detail)
    {
        LogRefused(logger, request.Method, status, title, detail, request.HttpContext.Connection.RemoteIpAddress?.ToString());
        return TypedResults.Problem(statusCode: status, title: title, detail: detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meta webhook: refused a {Method} from {Remote} with {Status}: {Reason} ({Detail})")]
    private static partial void LogRefused(ILogger logger, string method, int status, string reason, string detail, string? remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meta webhook: a {Kind} delivery for {Accounts}, which no channel is configured for (earshot channels add)")]
    private static partial void LogUnknownAccount(ILogger logger, string kind, string accounts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meta webhook: a {Kind} delivery arrived again; already stored")]
    private static partial void LogRepeated(ILogger logger, string kind);
}
