using System.Net.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Earshot.Connectors.Shared.Outbound;

/// <summary>
/// Turns every failure to get an answer (refused, reset, not HTTP, silent past <see cref="OutboundOptions.AnswerTimeout"/>)
/// into "could not reach HOST", and the guard's refusal into "refused: HOST is a private address", so an error
/// stored on a channel or a delivery says nothing about which ports are open. The details are logged at debug.
/// </summary>
public sealed partial class OutboundErrors(OutboundOptions options, ILogger<OutboundErrors>? logger) : DelegatingHandler
{
    private readonly ILogger _logger = logger ?? NullLogger<OutboundErrors>.Instance;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = request.RequestUri is { } uri ? OutboundGuard.HostOf(uri) : "the server";
        using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        answer.CancelAfter(options.AnswerTimeout);
        try
        {
            return await base.SendAsync(request, answer.Token);
        }
        catch (OutboundException)
        {
            throw;
        }
        catch (HttpRequestException error) when (Find<OutboundException>(error) is { } known)
        {
            LogFailed(_logger, host, error);
            throw known;
        }
        catch (Exception error) when (error is HttpRequestException or IOException
            || (error is OperationCanceledException && answer.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            LogFailed(_logger, host, error);
            throw OutboundException.Unreachable(host);
        }
    }

    private static T? Find<T>(Exception? error) where T : Exception
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is T found)
                return found;
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbound: no answer from {Host}")]
    private static partial void LogFailed(ILogger logger, string host, Exception error);
}
