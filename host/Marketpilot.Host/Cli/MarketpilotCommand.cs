using System.CommandLine;
using System.CommandLine.Invocation;
using Marketpilot.Host.Hosting;
using Serilog;

namespace Marketpilot.Host.Cli;

/// <summary>The <c>marketpilot</c> command line: with no verb it runs the host; <c>rules</c> checks and tests rule scripts.</summary>
public static class MarketpilotCommand
{
    /// <summary>Builds the root command; <paramref name="args"/> go to the host unchanged when no verb is given.</summary>
    public static RootCommand Create(string[] args)
    {
        // Without a verb every argument is the host's: its switches and --Section:Key=value (or Section:Key=value)
        // configuration, which the Generic Host reads itself. They are taken here so that a verb's own unknown tokens
        // stay errors; a bare word among them is refused by the root action (StrayWord).
        var configuration = new Argument<string[]>("configuration")
        {
            Description = "Host configuration: --Section:Key=value (for example --Marketpilot:Sync:Enabled=false).",
            Arity = ArgumentArity.ZeroOrMore,
            Hidden = true,
        };
        var root = new RootCommand("Marketpilot: an automation host for marketplace sellers. Without a verb, runs the host (Orleans silo, plugins, rules, HTTP API); any --Section:Key=value argument is configuration for it.")
        {
            new Option<string>("--data") { Description = "Data folder (SQLite database, API key, logs). Same as Marketpilot:DataPath; default ./data." },
            new Option<string>("--plugins") { Description = "Plugins folder. Same as Marketpilot:Plugins:Path; default plugins/ next to the executable." },
            new Option<string>("--scripts") { Description = "Rule scripts folder. Same as Marketpilot:Scripting:ScriptsPath; default ./scripts." },
            new Option<string>("--urls") { Description = "Where the HTTP API listens; default http://127.0.0.1:5080." },
            configuration,
            RulesCommand.Create(),
            PluginsCommand.Create(),
            DbCommand.Create(),
            DemoCommand.Create(),
        };

        root.SetAction((_, _) => StrayWord(args) is { } word ? UnknownVerb(root, word) : RunHostAsync(args));
        return root;
    }

    // The host handles Ctrl+C and SIGTERM itself, so it can shut down gracefully.
    private static readonly InvocationConfiguration Invocation = new() { ProcessTerminationTimeout = null };

    /// <summary>Parses <paramref name="args"/> and runs the verb they name, or the host.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code: the verb's (<see cref="ExitCodes"/>), or <see cref="ExitCodes.BadInput"/> when the command line cannot be parsed.</returns>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Create(args).Parse(args);
        var exitCode = await parse.InvokeAsync(Invocation);
        // System.CommandLine ends a command line it cannot parse with 1, which the verbs use for script errors and failed
        // checks; an unknown option, a missing argument or a value of the wrong type is a bad argument: 2.
        return parse.Action is ParseErrorAction ? ExitCodes.BadInput : exitCode;
    }

    // The first argument the host's configuration would ignore: a word that is neither Key=value nor the value of a
    // switch before it (a misspelt verb, for one), which must not start a host silently.
    private static string? StrayWord(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            if (arg.StartsWith('-') || arg.StartsWith('/'))
            {
                i++;
                continue;
            }

            return arg;
        }

        return null;
    }

    private static Task<int> UnknownVerb(RootCommand root, string word)
    {
        var verbs = root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
        Console.Error.WriteLine($"error: unknown verb '{word}'; verbs: {string.Join(", ", verbs)}");
        Console.Error.WriteLine("Without a verb marketpilot runs the host, which takes --data, --plugins, --scripts, --urls and --Section:Key=value configuration; see marketpilot --help.");
        return Task.FromResult(ExitCodes.BadInput);
    }

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
