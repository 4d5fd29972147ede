using System.CommandLine;

namespace Earshot.Cli;

/// <summary>The `earshot` command line. Exit codes: 0 success, 1 bad input, 2 usage error.</summary>
public static class EarshotCli
{
    public const int Ok = 0;
    public const int BadInput = 1;
    public const int UsageError = 2;

    public static RootCommand Build(TimeProvider clock)
    {
        var root = new RootCommand("Earshot: social listening and fair, fast customer care.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(ImportCommand.Create(clock));
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(ChannelsCommand.Create());
        root.Subcommands.Add(TopicsCommand.Create(clock));
        root.Subcommands.Add(SettingsCommand.Create());
        root.Subcommands.Add(MatchCommand.Create());
        root.Subcommands.Add(ClassifyCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(TrainCommand.Create(clock));
        root.Subcommands.Add(ModelsCommand.Create(clock));
        root.Subcommands.Add(DetectCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(TeamsCommand.Create());
        root.Subcommands.Add(TokensCommand.Create());
        root.Subcommands.Add(ReportCommand.Create(clock));
        root.Subcommands.Add(WebhooksCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        // "@Brand OR #brand" is a listening rule, not a response file to read arguments from.
        var parsed = Build(TimeProvider.System).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                await Console.Error.WriteLineAsync(error.Message);
            await Console.Error.WriteLineAsync("Run 'earshot --help' for usage.");
            return UsageError;
        }
        try
        {
            // System.CommandLine's own handler would print every exception with its stack trace.
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception error) when (CliFailures.Explain(error) is { } explained)
        {
            await Console.Error.WriteLineAsync(explained);
            return BadInput;
        }
        catch (Exception error)
        {
            // As System.CommandLine's handler does: a bug's stack trace is worth having, a cancellation is not.
            if (error is not OperationCanceledException)
                await Console.Error.WriteLineAsync("Unhandled exception: " + error);
            return BadInput;
        }
    }
}
