using Earshot.Cli;

return await EarshotCli.RunAsync(args);
