using System.Runtime.CompilerServices;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>
/// One test process runs many hosts, and each host's file providers (configuration reload, Razor, static files) take
/// an inotify instance: Linux allows a user 128, which the integration and browser suites running side by side ran
/// out of (pages then answered 500). Files are polled instead and configuration is not reloaded; Earshot reads its
/// settings once at start anyway. Child processes (the CLI under test) inherit the same.
/// </summary>
internal static class TestProcessSettings
{
    [ModuleInitializer]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }
}
