using System.Net;
using System.Net.Sockets;
using Earshot.IntegrationTests.Infrastructure;

namespace Earshot.IntegrationTests.Cli;

/// <summary>A wrong --db, a server that is down, a taken port: one plain sentence and exit code 1, never a stack trace.</summary>
public sealed class OperatorMistakesTests
{
    [Fact]
    public async Task Stats_OnAFileThatIsNotADatabase_SaysSo()
    {
        var file = Path.Combine(Path.GetTempPath(), $"earshot-notadb-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "these are my notes, not a database\n");
        try
        {
            AssertPlainFailure(await EarshotProcess.RunAsync("stats", "--db", file), "is not a SQLite database");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Stats_OnADirectory_SaysItCannotBeOpened()
    {
        var directory = Directory.CreateTempSubdirectory("earshot-dir-").FullName;
        try
        {
            AssertPlainFailure(await EarshotProcess.RunAsync("stats", "--db", directory), "cannot be opened as a SQLite file");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Stats_OnAMissingPath_MakesNoDatabase()
    {
        var file = Path.Combine(Path.GetTempPath(), $"earshot-missing-{Guid.NewGuid():N}", "earshot.db");

        AssertPlainFailure(await EarshotProcess.RunAsync("stats", "--db", file), "no database at " + file);
        Assert.False(Directory.Exists(Path.GetDirectoryName(file)));
    }

    [Fact]
    public async Task Stats_WithPostgresDown_SaysItCannotBeReached()
    {
        var port = ClosedPort();

        var result = await EarshotProcess.RunAsync("stats", "--db", $"Host=127.0.0.1;Port={port};Database=earshot;Username=earshot;Timeout=5");

        AssertPlainFailure(result, "cannot reach PostgreSQL");
    }

    [Fact]
    public async Task Serve_WithAnAddressThatIsNotOne_IsAUsageError()
    {
        var result = await EarshotProcess.RunAsync("serve", "--urls", "bad", "--db", Path.Combine(Path.GetTempPath(), $"earshot-{Guid.NewGuid():N}.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--urls: 'bad' is not an address to listen on", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_OnAPortAlreadyTaken_SaysSo()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var db = Path.Combine(Path.GetTempPath(), $"earshot-{Guid.NewGuid():N}.db");
        try
        {
            AssertPlainFailure(await EarshotProcess.RunAsync("serve", "--urls", $"http://127.0.0.1:{port}", "--db", db), "address already in use");
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*"))
                File.Delete(file);
        }
    }

    private static void AssertPlainFailure((int ExitCode, string Output, string Error) result, string expected)
    {
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
