using System.CommandLine;
using Earshot.Connectors.Shared.Outbound;

namespace Earshot.Cli;

/// <summary>The outbound guard for commands, as `earshot serve` has it, and the option by which an operator allows a private host.</summary>
internal static class CliOutbound
{
    /// <summary>HTTP clients and the guard over the command's database (where the allowed private hosts are).</summary>
    public static IServiceProvider Services(IDbContextFactory<EarshotDbContext> contexts) => new ServiceCollection()
        .AddSingleton(contexts).AddEarshotOutbound().AddHttpClient().BuildServiceProvider();

    public static Option<bool> AllowPrivateNetwork(string what) => new("--allow-private-network")
    {
        Description = $"Allow {what} to reach a host on a private network (loopback, 10/8, 192.168/16, link-local, …); recorded in the audit log",
    };
}
