using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Earshot.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster started from the installed binaries (initdb + pg_ctl) on a temporary directory and
/// a free port, for tests and benchmarks. Durability is switched off: it is for data you can lose. When no binaries
/// are installed, <see cref="UnavailableReason"/> says so and nothing is started.
/// </summary>
public sealed class ThrowawayCluster : IAsyncDisposable
{
    private const string Superuser = "earshot";
    private string? _dataDirectory;
    private string? _binDirectory;
    private int _port;

    public string? UnavailableReason { get; private set; }

    public async Task StartAsync()
    {
        _binDirectory = FindBinaries();
        if (_binDirectory is null)
        {
            UnavailableReason = "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin); install the 'postgresql' package to run these tests";
            return;
        }
        _dataDirectory = Path.Combine(Path.GetTempPath(), "earshot-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dataDirectory);
        _port = FreePort();
        if (IsRoot)
            await RunAsync("chown", ["postgres:postgres", _dataDirectory]);

        await RunPgAsync("initdb", ["-D", _dataDirectory, "-U", Superuser, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
        await RunPgAsync("pg_ctl", ["-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-t", "60", "start", "-o",
            $"-p {_port} -k {_dataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500"]);
    }

    public async Task<string> CreateDatabaseAsync()
    {
        if (UnavailableReason is not null)
            throw new InvalidOperationException(UnavailableReason);
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username={Superuser};Database={database};Pooling=true";

    public async ValueTask DisposeAsync()
    {
        if (_dataDirectory is null || _binDirectory is null)
            return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunPgAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
            return null;
        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => bin, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static bool IsRoot => Environment.UserName == "root";

    // PostgreSQL refuses to run as root, so as root the cluster belongs to the 'postgres' user.
    private Task RunPgAsync(string tool, IReadOnlyList<string> args) => IsRoot
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binDirectory!, tool), .. args])
        : RunAsync(Path.Combine(_binDirectory!, tool), args);

    private static async Task RunAsync(string file, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
