using System.CommandLine;
using Earshot.Hosting;
using Microsoft.AspNetCore.Http;

namespace Earshot.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen (several separated by ';')", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        urls.Validators.Add(result =>
        {
            foreach (var url in (result.GetValueOrDefault<string>() ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                try
                {
                    BindingAddress.Parse(url);
                }
                catch (FormatException)
                {
                    result.AddError($"--urls: '{url}' is not an address to listen on, such as http://127.0.0.1:5080");
                }
            }
        });
        var db = CommonOptions.Db();
        var demo = new Option<bool>("--demo") { Description = "Seed a demo workspace (brand, competitors, topics, teams, posts) if it is not there yet, and keep new posts arriving while it runs" };
        var command = new Command("serve", "Run the web UI, the API and the ingestion pipeline") { urls, db, demo };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ServeOptions(DatabaseTarget.Parse(parse.GetValue(db)), parse.GetValue(urls)!, parse.GetValue(demo)) { LiveDemo = true };
            var app = EarshotWebApp.Build(options);
            if (options.Demo)
                Console.WriteLine("Preparing the demo (its first start plays a week of posts and care work, about 15 seconds)…");
            var logins = await EarshotWebApp.PrepareAsync(app, options, cancellationToken);
            if (logins.Count > 0)
                Console.WriteLine("Demo logins (role, e-mail / password):" + Environment.NewLine + string.Join(Environment.NewLine, logins.Select(l => "  " + l)));
            Console.WriteLine($"Earshot is serving {options.Urls} (database: {options.Database.Describe()}). Press Ctrl+C to stop.");
            await app.RunAsync();
            return EarshotCli.Ok;
        });
        return command;
    }
}
