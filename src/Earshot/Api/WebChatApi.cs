using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;
using Earshot.Connectors;
using Earshot.Connectors.Push;
using Earshot.Connectors.WebChat;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.Storage.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Earshot.Api;

/// <summary>
/// The web chat widget's endpoints. Visitors are anonymous: a channel's sites (the Origin header) and a session token
/// the server signs are the authentication, so the endpoints allow anonymous callers and carry no cookie or
/// anti-forgery flow. CORS is answered here, per channel, instead of by a global policy: only the channel's own
/// sites get an Access-Control-Allow-Origin. Every refusal is logged and nothing of a refused request is stored.
/// </summary>
public static partial class WebChatApi
{
    public const int MaxBodyBytes = 32 * 1024;
    public const string SessionHeader = "X-Earshot-Visitor";
    private static readonly Regex MessageId = new("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant);

    public sealed record SessionStarted(string SessionToken, string Conversation, DateTimeOffset ExpiresAt, bool Online);

    public sealed record MessageStored(string Id, Guid PostId, string Status, bool Online);

    public sealed record History(IReadOnlyList<ChatLine> Messages, bool Online);

    public static void MapWebChatApi(this WebApplication app)
    {
        app.MapGet("/webchat/{channel}/widget.js", WidgetAsync).AllowAnonymous().ExcludeFromDescription();
        var chat = app.MapGroup("/api/webchat/{channel}").WithTags("Web chat").AllowAnonymous();
        chat.MapMethods("/{**rest}", [HttpMethods.Options], PreflightAsync).ExcludeFromDescription();
        chat.MapPost("/sessions", StartAsync).WithName("WebChatSession")
            .WithDescription("Starts a visitor's chat: {\"email\", \"name\"} or {\"visitor_token\"} signed by the brand. Answers a session token for the X-Earshot-Visitor header.");
        chat.MapPost("/messages", SendAsync).WithName("WebChatMessage")
            .WithDescription("A visitor's message {\"id\", \"text\"}; the id is the widget's, so a retry stores once.");
        chat.MapGet("/messages", HistoryAsync).WithName("WebChatHistory");
        chat.MapGet("/stream", WebChatStream.StreamAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> WidgetAsync(string channel, PushChannels channels, IWebHostEnvironment environment, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await FindAsync(channels, channel, cancellationToken) is null)
            return TypedResults.Problem(statusCode: 404, title: "No such web chat channel", detail: "check the channel id in the script tag");
        var file = environment.WebRootFileProvider.GetFileInfo("webchat/widget.js");
        response.Headers.CacheControl = "public, max-age=300";
        // Brand pages that isolate themselves (COEP) may still load the script.
        response.Headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        return TypedResults.Stream(file.CreateReadStream(), "text/javascript; charset=utf-8");
    }

    private static async Task<IResult> PreflightAsync(string channel, HttpContext context, PushChannels channels, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (_, _, refusal) = await OpenAsync(context, channel, channels, loggers, cancellationToken);
        if (refusal is not null)
            return refusal;
        context.Response.Headers.AccessControlAllowMethods = "GET, POST";
        context.Response.Headers.AccessControlAllowHeaders = $"Content-Type, {SessionHeader}, Last-Event-ID";
        context.Response.Headers.AccessControlMaxAge = "600";
        return TypedResults.NoContent();
    }

    /// <summary>What a visitor's request is handed: the channel named in the route and the services that answer it.</summary>
    internal sealed record Visit(
        string Channel, HttpContext Context, PushChannels Channels, WebChatConversations Conversations, WebChatLimits Limits,
        TimeProvider Clock, ILoggerFactory Loggers);

    private static async Task<IResult> StartAsync([AsParameters] Visit visit, CancellationToken cancellationToken)
    {
        var (channel, context, channels, conversations, limits, clock, loggers) = visit;
        var (found, logger, refusal) = await OpenAsync(context, channel, channels, loggers, cancellationToken);
        if (found is null)
            return refusal!;
        if (!limits.TryStartSession(context.Connection.RemoteIpAddress?.ToString() ?? "unknown"))
            return Refuse(logger, context, channel, 429, "Too many new chats", "wait a minute before starting another chat");
        var (json, bad) = await ReadJsonAsync(logger, context, channel, cancellationToken);
        if (json is not { } body)
            return bad!;
        var secret = channels.Secret(found, "secret")!;
        var now = clock.GetUtcNow();
        VisitorSession session;
        if (Text(body, "visitor_token") is { } visitorToken)
        {
            var verdict = WebChatTokens.ReadVisitor(secret, visitorToken, now, out var visitor);
            if (verdict != TokenVerdict.Valid)
                return Refuse(logger, context, channel, 401, "Visitor token refused", Explain(verdict, "visitor token"));
            session = new VisitorSession(found.Id, WebChatConversations.NewConversation(found.Id, visitor!.Id), "visitor:" + visitor.Id,
                Clip(visitor.Name ?? Text(body, "name"), 100), visitor.Email, true, now + WebChatTokens.SessionLifetime);
        }
        else
        {
            var email = Text(body, "email")?.Trim();
            if (email is null || email.Length > 254 || !MailAddress.TryCreate(email, out var address) || address.Address != email)
                return Refuse(logger, context, channel, 400, "An e-mail address is required", "send {\"email\": \"you@example.com\"} or a visitor_token signed by the site");
            session = new VisitorSession(found.Id, WebChatConversations.NewConversation(found.Id, null), email.ToLowerInvariant(),
                Clip(Text(body, "name")?.Trim(), 100), email.ToLowerInvariant(), false, now + WebChatTokens.SessionLifetime);
        }
        return TypedResults.Created((string?)null, new SessionStarted(WebChatTokens.IssueSession(secret, session), session.Conversation,
            session.ExpiresAt, await conversations.AgentsOnlineAsync(found, cancellationToken)));
    }

    private static async Task<IResult> SendAsync([AsParameters] Visit visit, CancellationToken cancellationToken)
    {
        var (found, session, logger, refusal) = await OpenSessionAsync(visit, cancellationToken);
        if (found is null || session is null)
            return refusal!;
        var (channel, context, _, conversations, limits, _, _) = visit;
        var (json, bad) = await ReadJsonAsync(logger, context, channel, cancellationToken);
        if (json is not { } body)
            return bad!;
        var id = Text(body, "id");
        var text = Text(body, "text");
        if (id is null || !MessageId.IsMatch(id))
            return Refuse(logger, context, channel, 400, "Bad message id", "id: 1 to 64 letters, digits, '-' or '_' (a UUID made by the widget)");
        if (string.IsNullOrWhiteSpace(text))
            return Refuse(logger, context, channel, 400, "Empty message", "text: write something");
        if (text.Length > WebChatConversations.MaxMessageLength)
            return Refuse(logger, context, channel, 413, "Message too long", $"text: at most {WebChatConversations.MaxMessageLength} characters");
        if (!limits.TryAcceptMessage(session.Conversation, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Refuse(logger, context, channel, 429, "Slow down", "too many messages in a minute; this one was not stored, send it again shortly");
        }
        var outcome = await conversations.StoreAsync(found, session, id, text, context.Request.Headers.Origin.ToString(), cancellationToken);
        return TypedResults.Accepted((string?)null, new MessageStored(id, outcome.PostId, outcome.Status.ToString().ToLowerInvariant(),
            await conversations.AgentsOnlineAsync(found, cancellationToken)));
    }

    private static async Task<IResult> HistoryAsync([AsParameters] Visit visit, CancellationToken cancellationToken)
    {
        var (found, session, _, refusal) = await OpenSessionAsync(visit, cancellationToken);
        if (found is null || session is null)
            return refusal!;
        return TypedResults.Ok(new History(await visit.Conversations.LinesAsync(found.Id, session, null, cancellationToken),
            await visit.Conversations.AgentsOnlineAsync(found, cancellationToken)));
    }

    /// <summary>The channel and the visitor's session (its token in the session header); else the refusal to answer.</summary>
    private static async Task<(PushChannels.Found? Channel, VisitorSession? Session, ILogger Logger, IResult? Refusal)> OpenSessionAsync(
        Visit visit, CancellationToken cancellationToken)
    {
        var (found, logger, refusal) = await OpenAsync(visit.Context, visit.Channel, visit.Channels, visit.Loggers, cancellationToken);
        if (found is null)
            return (null, null, logger, refusal);
        var (session, unauthorized) = Session(logger, visit.Context, visit.Channel, found, visit.Channels, visit.Context.Request.Headers[SessionHeader], visit.Clock);
        return (found, session, logger, unauthorized);
    }

    /// <summary>The channel, when it exists and the request comes from one of its sites; else the refusal to answer. The logger is the API's.</summary>
    internal static async Task<(PushChannels.Found? Channel, ILogger Logger, IResult? Refusal)> OpenAsync(
        HttpContext context, string channel, PushChannels channels, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = Logger(loggers);
        var found = await FindAsync(channels, channel, cancellationToken);
        if (found is null)
            return (null, logger, Refuse(logger, context, channel, 404, "No such web chat channel", $"no web chat channel has the id '{channel}'"));
        var origin = context.Request.Headers.Origin.ToString();
        if (!WebChatOrigins.Allows(found.Settings, origin))
            return (null, logger, Refuse(logger, context, channel, 403, "Origin not allowed",
                origin.Length == 0 ? "the chat answers browsers on the channel's sites only (no Origin header)" : $"'{origin}' is not one of this channel's sites"));
        context.Response.Headers.AccessControlAllowOrigin = WebChatOrigins.Normalize(origin);
        context.Response.Headers.Vary = "Origin";
        return (found, logger, null);
    }

    internal static (VisitorSession? Session, IResult? Refusal) Session(
        ILogger logger, HttpContext context, string channel, PushChannels.Found found, PushChannels channels, string? token, TimeProvider clock)
    {
        if (string.IsNullOrEmpty(token))
            return (null, Refuse(logger, context, channel, 401, "No chat session", $"start one with POST sessions and send its token in {SessionHeader}"));
        var verdict = WebChatTokens.ReadSession(channels.Secret(found, "secret")!, found.Id, token, clock.GetUtcNow(), out var session);
        return verdict == TokenVerdict.Valid
            ? (session, null)
            : (null, Refuse(logger, context, channel, 401, "Chat session refused", Explain(verdict, "session token")));
    }

    private static Task<PushChannels.Found?> FindAsync(PushChannels channels, string channel, CancellationToken cancellationToken) =>
        Guid.TryParse(channel, out _) ? channels.FindAsync(ChannelKind.WebChat, channel, cancellationToken) : Task.FromResult<PushChannels.Found?>(null);

    private static async Task<(JsonElement? Body, IResult? Refusal)> ReadJsonAsync(ILogger logger, HttpContext context, string channel, CancellationToken cancellationToken)
    {
        var bytes = await RawBody.ReadAsync(context.Request, MaxBodyBytes, cancellationToken);
        if (bytes is null)
            return (null, Refuse(logger, context, channel, 413, "Payload too large", $"the body is larger than {MaxBodyBytes} bytes"));
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (null, Refuse(logger, context, channel, 400, "Expected a JSON object", "send one JSON object"));
        }
        catch (JsonException error)
        {
            return (null, Refuse(logger, context, channel, 400, "The body is not valid JSON",
                $"line {(error.LineNumber ?? 0) + 1}, column {(error.BytePositionInLine ?? 0) + 1}"));
        }
    }

    private static string? Text(JsonElement body, string field) =>
        body.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetStringLenient() : null;

    private static string? Clip(string? text, int length) => text is { Length: > 0 } ? text.Length <= length ? text : text[..length] : null;

    private static string Explain(TokenVerdict verdict, string what) => verdict switch
    {
        TokenVerdict.Expired => $"the {what} has expired; start a new chat",
        TokenVerdict.WrongChannel => $"the {what} belongs to another chat channel",
        TokenVerdict.WrongType => $"that is not a {what}",
        TokenVerdict.BadSignature => $"the {what} is not signed with this channel's secret",
        _ => $"the {what} is unreadable",
    };

    internal static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger("Earshot.Api.WebChatApi");

    internal static ProblemHttpResult Refuse(ILogger logger, HttpContext context, string channel, int status, string title, string detail)
    {
        LogRefused(logger, channel, status, title, context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.Origin.ToString());
        return TypedResults.Problem(statusCode: status, title: title, detail: detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Web chat {Channel}: refused a request from {Remote} (Origin '{Origin}') with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string channel, int status, string reason, string? remote, string origin);
}
