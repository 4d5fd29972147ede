using Earshot.Cli;

// Every command is parsed in Cli/EarshotCli.cs. The composition root, the one place where storage, the engine
// (connectors, pipeline stages, cases, alerts, learning), access, the API and the pages are put together, is
// Hosting/EarshotWebApp.cs: `serve` and the tests build the host there.
return await EarshotCli.RunAsync(args);
