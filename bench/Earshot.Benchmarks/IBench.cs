namespace Earshot.Benchmarks;

/// <summary>One benchmark, run as `dotnet run -c Release --project bench/Earshot.Benchmarks -- NAME [args]`.</summary>
public interface IBench
{
    string Name { get; }
    string Description { get; }
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
