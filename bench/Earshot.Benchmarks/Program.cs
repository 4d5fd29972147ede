using Earshot.Benchmarks;

// Every IBench in this assembly is a sub-command, so each feature adds its benchmark without touching this file.
var benches = typeof(IBench).Assembly.GetTypes()
    .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBench).IsAssignableFrom(t))
    .Select(t => (IBench)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

var chosen = args.Length > 0 ? benches.FirstOrDefault(b => b.Name == args[0]) : null;
if (chosen is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Earshot.Benchmarks -- NAME [args]");
    foreach (var bench in benches)
        Console.Error.WriteLine($"  {bench.Name,-14} {bench.Description}");
    return 2;
}
return await chosen.RunAsync(args[1..], CancellationToken.None);
