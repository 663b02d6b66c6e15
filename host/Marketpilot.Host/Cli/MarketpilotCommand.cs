using System.CommandLine;
using Marketpilot.Host.Hosting;
using Serilog;

namespace Marketpilot.Host.Cli;

/// <summary>The <c>marketpilot</c> command line: with no verb it runs the host; <c>rules</c> checks and tests rule scripts.</summary>
public static class MarketpilotCommand
{
    /// <summary>Builds the root command; <paramref name="args"/> go to the host unchanged when no verb is given.</summary>
    public static RootCommand Create(string[] args)
    {
        var root = new RootCommand("Marketpilot: an automation host for marketplace sellers. Without a verb, runs the host (Orleans silo, plugins, rules, HTTP API).")
        {
            new Option<string>("--data") { Description = "Data folder (SQLite database, API key, logs). Same as Marketpilot:DataPath; default ./data." },
            new Option<string>("--plugins") { Description = "Plugins folder. Same as Marketpilot:Plugins:Path; default plugins/ next to the executable." },
            new Option<string>("--scripts") { Description = "Rule scripts folder. Same as Marketpilot:Scripting:ScriptsPath; default ./scripts." },
            new Option<string>("--urls") { Description = "Where the HTTP API listens; default http://127.0.0.1:5080." },
            RulesCommand.Create(),
            PluginsCommand.Create(),
            DbCommand.Create(),
            DemoCommand.Create(),
        };

        // Any other --Section:Key=value argument is configuration for the host.
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((_, _) => RunHostAsync(args));
        return root;
    }

    /// <summary>The invocation settings: the host handles Ctrl+C and SIGTERM itself, so it can shut down gracefully.</summary>
    public static InvocationConfiguration Invocation { get; } = new() { ProcessTerminationTimeout = null };

    private static async Task<int> RunHostAsync(string[] args)
    {
        Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
        try
        {
            var app = MarketpilotApplication.Build(args);
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.Fatal(ex, "Marketpilot stopped unexpectedly");
            return 1;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }
}
