using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Earshot.Benchmarks.Understanding;

/// <summary>Posts per second by wall clock, and per second of the process's CPU time (fair on a shared machine).</summary>
public readonly record struct Speed(double Wall, double Cpu);

/// <summary>Runs a peer scorer from bench/peers (npm vader-sentiment or sentiment/AFINN) on the same posts.</summary>
public static class PeerRunner
{
    public static string? FindPeersFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "peers");
            if (File.Exists(Path.Combine(candidate, "score.js")))
                return candidate;
        }
        return null;
    }

    /// <summary>Installs the peers with npm if they are not there yet; returns false with a message when it cannot.</summary>
    public static async Task<bool> EnsureInstalledAsync(string folder, CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(folder, "node_modules", "vader-sentiment"))
            && Directory.Exists(Path.Combine(folder, "node_modules", "sentiment")))
            return true;
        Console.WriteLine("installing peers: npm install in " + folder);
        var (code, output) = await RunAsync("npm", ["install", "--no-audit", "--no-fund"], folder, cancellationToken);
        if (code != 0)
            Console.Error.WriteLine("npm install failed: " + output);
        return code == 0;
    }

    /// <summary>Scores every text with the peer; returns the labels and the peer's posts/s by wall clock and by CPU time.</summary>
    public static async Task<(List<string> Labels, Speed Speed)> ScoreAsync(
        string folder, string model, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var input = Path.GetTempFileName();
        var output = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(input, texts.Select(t => JsonSerializer.Serialize(t)), cancellationToken);
            var (code, log) = await RunAsync("node", ["score.js", model, input, output], folder, cancellationToken);
            if (code != 0)
                throw new InvalidOperationException($"peer {model} failed: {log}");
            var lines = await File.ReadAllLinesAsync(output, cancellationToken);
            var labels = lines.Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            return (labels, new Speed(Read(lines, "#posts_per_second "), Read(lines, "#posts_per_cpu_second ")));
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    private static double Read(string[] lines, string prefix) =>
        double.Parse(lines.First(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..], CultureInfo.InvariantCulture);

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args, string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
