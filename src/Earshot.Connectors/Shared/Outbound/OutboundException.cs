using System.Net.Http;

namespace Earshot.Connectors.Shared.Outbound;

/// <summary>
/// An outbound request that did not get an answer, told in words that are safe to store and show: a refused private
/// address, or "could not reach" for every transport failure alike (refused, reset, timed out, not HTTP), so a
/// channel's or webhook's error cannot be used to learn which ports are open. The details go to the debug log only.
/// </summary>
public sealed class OutboundException : HttpRequestException
{
    private OutboundException(string host, bool refused, string message)
        : base(HttpRequestError.ConnectionError, message)
    {
        Host = host;
        Refused = refused;
    }

    public string Host { get; }

    /// <summary>The guard refused the host's address (private, loopback, link-local, …); nothing was sent.</summary>
    public bool Refused { get; }

    public static OutboundException PrivateAddress(string host) => new(host, true, RefusedMessage(host));

    public static OutboundException Unreachable(string host) => new(host, false, $"could not reach {host}");

    public static string RefusedMessage(string host) => $"refused: {host} is a private address";
}
