using System.Net;
using System.Net.Sockets;
using Earshot.Core.Access;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Earshot.Connectors.Shared.Outbound;

/// <summary>
/// The one way Earshot opens a connection to a host a person named (a feed, a webhook, a mail server, a network's
/// API): the host is resolved here, every address is checked with <see cref="PrivateAddresses"/>, and the socket is
/// connected to the checked address itself, so a second lookup cannot answer differently (DNS rebinding). Hosts an
/// admin allowed (<c>PrivateHostAllowances</c>) may resolve anywhere. HTTP clients use it through
/// <see cref="OutboundHttp"/>; MailKit gets the connected socket from <see cref="ConnectAsync"/>.
/// </summary>
public sealed partial class OutboundGuard(
    IDbContextFactory<EarshotDbContext> contexts, TimeProvider clock, OutboundOptions options, ILogger<OutboundGuard>? logger = null)
{
    public const string AllowedAuditKind = "outbound.private-host-allowed";

    private readonly ILogger _logger = logger ?? NullLogger<OutboundGuard>.Instance;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Allowances? _allowances;

    private sealed record Allowances(HashSet<string> Hosts, long LoadedAt);

    /// <summary>What setting up a channel or webhook learns about a host before anything is sent to it.</summary>
    public enum Verdict
    {
        /// <summary>Resolves to public addresses only, or did not resolve now (a later fetch is checked again).</summary>
        Public,

        /// <summary>An admin allowed it.</summary>
        Allowed,

        /// <summary>Resolves to an address the guard refuses.</summary>
        Private,
    }

    /// <summary>A host as allowances store it: lower case, no brackets around an IPv6 address, no trailing dot.</summary>
    public static string Normalize(string host) => host.Trim().Trim('[', ']').TrimEnd('.').ToLowerInvariant();

    /// <summary>The host of a URL as allowances store it (punycode for international names).</summary>
    public static string HostOf(Uri url) => Normalize(url.IdnHost);

    public async Task<Verdict> CheckAsync(string host, CancellationToken cancellationToken)
    {
        host = Normalize(host);
        if (await IsAllowedAsync(host, cancellationToken))
            return Verdict.Allowed;
        using var lookup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lookup.CancelAfter(options.ConnectTimeout);
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(host, lookup.Token);
        }
        catch (Exception error) when (error is SocketException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogLookupFailed(_logger, host, error);
            return Verdict.Public;
        }
        return addresses.All(PrivateAddresses.IsPublic) ? Verdict.Public : Verdict.Private;
    }

    /// <summary>
    /// A TCP socket connected to <paramref name="host"/> at an address that passed the guard; throws an
    /// <see cref="OutboundException"/> (refused, or could not reach) otherwise.
    /// </summary>
    public async Task<Socket> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        host = Normalize(host);
        var allowed = await IsAllowedAsync(host, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(host, timeout.Token);
        }
        catch (Exception error) when (error is SocketException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogConnectFailed(_logger, host, port, error);
            throw OutboundException.Unreachable(host);
        }
        // One refused address refuses the host: a name that answers both public and private addresses is not trusted.
        if (!allowed && addresses.FirstOrDefault(a => !PrivateAddresses.IsPublic(a)) is { } refused)
        {
            LogRefused(_logger, host, refused, PrivateAddresses.Why(refused)!);
            throw OutboundException.PrivateAddress(host);
        }
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
                return socket;
            }
            catch (Exception error) when (error is SocketException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                socket.Dispose();
                last = error;
                if (timeout.IsCancellationRequested)
                    break;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        LogConnectFailed(_logger, host, port, last ?? new SocketException((int)SocketError.HostNotFound));
        throw OutboundException.Unreachable(host);
    }

    /// <summary>
    /// Lets Earshot reach <paramref name="host"/> although it resolves to a private address, and records who allowed
    /// it and through what (`webhooks add`, `POST /api/channels`) in the audit log. A host already allowed is left as it is.
    /// </summary>
    public async Task AllowAsync(string host, Guid? actorId, string via, CancellationToken cancellationToken)
    {
        host = Normalize(host);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.PrivateHostAllowances.AnyAsync(a => a.Host == host, cancellationToken))
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        db.PrivateHostAllowances.Add(new PrivateHostAllowance { Host = host, AllowedBy = actorId, At = now });
        db.AuditEvents.Add(new AuditEvent
        {
            Kind = AllowedAuditKind,
            ActorId = actorId,
            DataJson = System.Text.Json.JsonSerializer.Serialize(new { host, via }),
            At = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        _allowances = null;
    }

    private async ValueTask<bool> IsAllowedAsync(string host, CancellationToken cancellationToken)
    {
        var current = _allowances;
        if (current is null || clock.GetElapsedTime(current.LoadedAt) > options.AllowancesRefresh)
            current = await LoadAllowancesAsync(cancellationToken);
        return current.Hosts.Contains(host);
    }

    // Read at most once per refresh interval, however many requests are waiting; another process's allowance (the
    // CLI's) is seen within that interval, this process's own at once.
    private async Task<Allowances> LoadAllowancesAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_allowances is { } fresh && clock.GetElapsedTime(fresh.LoadedAt) <= options.AllowancesRefresh)
                return fresh;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var hosts = await db.PrivateHostAllowances.AsNoTracking().Select(a => a.Host).ToListAsync(cancellationToken);
            var loaded = new Allowances(hosts.ToHashSet(StringComparer.Ordinal), clock.GetTimestamp());
            _allowances = loaded;
            return loaded;
        }
        finally
        {
            _loading.Release();
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
            return [literal];
        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        return addresses.Length > 0 ? addresses : throw new SocketException((int)SocketError.HostNotFound);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbound: refused {Host}, which resolves to {Address} ({Why})")]
    private static partial void LogRefused(ILogger logger, string host, IPAddress address, string why);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbound: could not connect to {Host}:{Port}")]
    private static partial void LogConnectFailed(ILogger logger, string host, int port, Exception error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbound: looking up {Host} failed")]
    private static partial void LogLookupFailed(ILogger logger, string host, Exception error);
}

/// <summary>Timeouts and the allowance cache of the <see cref="OutboundGuard"/>.</summary>
public sealed record OutboundOptions
{
    /// <summary>For the lookup and the TCP connection together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// From sending a request to its answer's headers. Shorter than the clients' own timeouts, so a server that
    /// accepts and stays silent reads as "could not reach", like a closed port, rather than as a timeout.
    /// </summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How stale the list of allowed private hosts may be (allowances made in this process apply at once).</summary>
    public TimeSpan AllowancesRefresh { get; init; } = TimeSpan.FromSeconds(5);
}
