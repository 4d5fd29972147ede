using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>
/// A small SMTP listener on 127.0.0.1 that speaks just enough RFC 5321 (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT)
/// to receive what a client sends, and records each message's bytes and the credentials used.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeSmtpServer()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    public Uri Url => new($"smtp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
    public List<(string Credentials, string Recipients, string Data)> Received { get; } = [];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        var (credentials, recipients) = ("", new List<string>());
        await writer.WriteLineAsync("220 fake-smtp ready");
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-fake-smtp\r\n250-AUTH PLAIN\r\n250 8BITMIME");
                    break;
                case "AUTH":
                    credentials = Encoding.UTF8.GetString(Convert.FromBase64String(line.Split(' ')[2])).Replace('\0', ' ').Trim();
                    await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                    break;
                case "RCPT":
                    recipients.Add(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    lock (Received)
                        Received.Add((credentials, string.Join(",", recipients), data.ToString()));
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
