using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Earshot.IntegrationTests.Outbound;

/// <summary>
/// Ports on 127.0.0.1 in the states a port scan tells apart: closed (nothing listens), open and closing at once,
/// open and speaking something other than HTTP, open and silent.
/// </summary>
internal sealed class PortStates : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TcpListener Listener, Task Accepting)> _open = [];
    private readonly List<TcpClient> _held = [];
    private int _accepted;

    public PortStates()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        Closed = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        ClosingAtOnce = Open(client => client.Close());
        NotHttp = Open(client => client.GetStream().Write(Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.6\r\n")));
        Silent = Open(client =>
        {
            lock (_held)
                _held.Add(client);
        });
    }

    public int Closed { get; }
    public int ClosingAtOnce { get; }
    public int NotHttp { get; }
    public int Silent { get; }

    /// <summary>Connections the open ports accepted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public IEnumerable<(string State, int Port)> All => [("closed", Closed), ("closing at once", ClosingAtOnce), ("not http", NotHttp), ("silent", Silent)];

    private int Open(Action<TcpClient> answer)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _open.Add((listener, Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var client = await listener.AcceptTcpClientAsync(_stop.Token);
                    Interlocked.Increment(ref _accepted);
                    answer(client);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (IOException)
                {
                    // The client gave up first; keep accepting.
                }
            }
        })));
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var (listener, accepting) in _open)
        {
            listener.Stop();
            await accepting;
        }
        lock (_held)
        {
            foreach (var client in _held)
                client.Dispose();
        }
        _stop.Dispose();
    }
}
