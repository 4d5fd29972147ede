using System.CommandLine;

namespace Earshot.Cli;

internal static class CommonOptions
{
    public static Option<string?> Db()
    {
        var option = new Option<string?>("--db")
        {
            Description = $"SQLite file path, PostgreSQL connection string (\"Host=…;Database=…\") or postgres:// URI. Default: ./{DatabaseTarget.DefaultSqlitePath}",
        };
        option.Validators.Add(result =>
        {
            if (DatabaseTarget.Problem(result.GetValueOrDefault<string?>()) is { } problem)
                result.AddError(problem);
        });
        return option;
    }

    public static Option<string?> Workspace() => new("--workspace")
    {
        Description = "Workspace (brand account) name",
    };
}
