using System.CommandLine;
using Earshot.Storage;

namespace Earshot.Cli;

internal static class CommonOptions
{
    public static Option<string?> Db() => new("--db")
    {
        Description = $"SQLite file path or PostgreSQL connection string (\"Host=…;Database=…\"). Default: ./{DatabaseTarget.DefaultSqlitePath}",
    };

    public static Option<string?> Workspace() => new("--workspace")
    {
        Description = "Workspace (brand account) name",
    };
}
