using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>
/// A real IMAP server for one test: Debian's Dovecot (`apt-get install dovecot-imapd`) with a throwaway configuration
/// in a temporary directory (its own base_dir, a passwd-file user, Maildir storage, a free port on 127.0.0.1, no TLS).
/// Skips the test with a reason when Dovecot is not installed.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/dovecot";
    public const string User = "support@brand.example";
    public const string Password = "imap-password-1";
    private readonly string _directory;
    private readonly Process _process;

    private DovecotServer(string directory, Process process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public Uri ImapUrl => new($"imap://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public static async Task<DovecotServer> StartAsync()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Binary))
            Assert.Skip("Dovecot is not installed (apt-get install -y dovecot-imapd); the e-mail tests need a real IMAP server");
        var directory = Path.Combine(Path.GetTempPath(), "earshot-dovecot-" + Guid.NewGuid().ToString("N")[..12]);
        var mail = Directory.CreateDirectory(Path.Combine(directory, "mail"));
        Directory.CreateDirectory(Path.Combine(directory, "run"));
        Directory.CreateDirectory(Path.Combine(directory, "state"));
        // As root, Dovecot refuses to keep mail as uid 0: mail belongs to nobody, who must be able to create it.
        var root = GetUid() == 0;
        if (root && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(mail.FullName, (UnixFileMode)0b111_111_111);
        await File.WriteAllTextAsync(Path.Combine(directory, "users"), $"{User}:{{PLAIN}}{Password}\n");
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(directory, "dovecot.conf"), Config(directory, port, root));

        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-F", "-c", Path.Combine(directory, "dovecot.conf") })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var server = new DovecotServer(directory, process, port);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Delivers a message into INBOX (IMAP APPEND), as an MTA would.</summary>
    public async Task DeliverAsync(MimeMessage message)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await imap.AuthenticateAsync(User, Password);
        await imap.Inbox.AppendAsync(message);
        await imap.DisconnectAsync(true);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var imap = new ImapClient();
                await imap.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
                await imap.AuthenticateAsync(User, Password);
                await imap.DisconnectAsync(true);
                return;
            }
            catch (Exception error) when (error is SocketException or IOException or AuthenticationException or ImapProtocolException or ServiceNotConnectedException)
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    var log = Path.Combine(_directory, "dovecot.log");
                    Assert.Fail($"Dovecot did not start: {error.Message}\n{(File.Exists(log) ? await File.ReadAllTextAsync(log) : "")}{await _process.StandardError.ReadToEndAsync()}");
                }
                await Task.Delay(100);
            }
        }
    }

    private static string Config(string directory, int port, bool root)
    {
        var owner = root ? "uid=nobody gid=nogroup" : $"uid={GetUid()} gid={GetGid()}";
        var users = root ? "" : $"default_internal_user = {Environment.UserName}\ndefault_login_user = {Environment.UserName}\n";
        return $$"""
            base_dir = {{directory}}/run
            state_dir = {{directory}}/state
            log_path = {{directory}}/dovecot.log
            {{users}}protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:{{directory}}/mail/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{directory}}/users
            }
            userdb {
              driver = static
              args = {{owner}} home={{directory}}/mail/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            """;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "getuid")]
    private static extern uint GetUid();

    [DllImport("libc", EntryPoint = "getgid")]
    private static extern uint GetGid();
}
