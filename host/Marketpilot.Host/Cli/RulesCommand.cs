using System.CommandLine;
using Marketpilot.Host.Ingestion;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Workers;
using Marketpilot.Sdk.Rules;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Cli;

/// <summary>
/// <c>marketpilot rules check|test</c>: compile and evaluate rule scripts without starting a silo; <c>rules mode</c>: set a
/// rule's mode in the running host.
/// </summary>
public static partial class RulesCommand
{
    /// <summary>Builds the <c>rules</c> command with its verbs.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Rule scripts (.csx) to check.", Arity = ArgumentArity.OneOrMore };
        var check = new Command("check", "Compile rule scripts and report diagnostics as path(line,col): error CODE: message. Exits 1 on any error.") { files };
        check.SetAction((parse, cancellationToken) => CheckAsync(parse.GetRequiredValue(files), cancellationToken));

        var file = new Argument<string>("file") { Description = "The rule script (.csx) to evaluate." };
        var input = new Option<string>("--input", "-i") { Description = "A JSON fixture: an array of SKU snapshots as POST /api/v1/skus takes them, or an object with skus, campaigns and lastFiredAt.", Required = true };
        var timeout = new Option<int?>("--timeout") { Description = "Time budget per evaluation in ms; default Marketpilot:Scripting:TimeoutMilliseconds." };
        var test = new Command("test", "Evaluate a rule against every SKU of a fixture and print the proposed actions as JSON. Exits 3 when the rule fails or runs out of time.") { file, input, timeout };
        test.SetAction((parse, cancellationToken) => TestAsync(parse.GetRequiredValue(file), parse.GetRequiredValue(input), parse.GetValue(timeout), cancellationToken));

        // Started by the host (RuleWorkerPool), never by a person: JSON-RPC on standard input and output.
        var worker = new Command("worker", "Serve rule compilations and evaluations to the host over standard input and output.") { Hidden = true };
        worker.SetAction((_, cancellationToken) => WorkerAsync(cancellationToken));

        return new Command("rules", "Check and test rule scripts; set a rule's mode and read its experiment report in the running host.") { check, test, BacktestCommand(), ModeCommand(), ReportCommand(), worker };
    }

    private static async Task<int> WorkerAsync(CancellationToken cancellationToken)
    {
        var protocol = Console.OpenStandardOutput();
        // Only the protocol may write to standard output; anything else a worker prints goes to standard error.
        Console.SetOut(Console.Error);
        await RuleWorkerServer.RunAsync(Console.OpenStandardInput(), protocol, cancellationToken);
        return ExitCodes.Success;
    }

    private static async Task<int> CheckAsync(string[] paths, CancellationToken cancellationToken)
    {
        await using var services = CliServices.BuildForRules(paths);
        if (IsolationUnavailable(services))
        {
            return ExitCodes.IsolationUnavailable;
        }

        var exitCode = ExitCodes.Success;
        foreach (var path in paths)
        {
            var compilation = await CompileAsync(services, path, cancellationToken);
            if (compilation is null)
            {
                exitCode = ExitCodes.ScriptErrors;
                continue;
            }

            foreach (var diagnostic in compilation.Diagnostics)
            {
                Console.Out.WriteLine(diagnostic.ToString());
            }

            if (compilation.HasErrors)
            {
                exitCode = ExitCodes.ScriptErrors;
            }
            else
            {
                Console.Out.WriteLine($"{path}: ok (rule {compilation.Rule.Id}, version {compilation.Rule.Version})");
            }
        }

        return exitCode;
    }

    private static async Task<int> TestAsync(string path, string fixturePath, int? timeoutMilliseconds, CancellationToken cancellationToken)
    {
        await using var services = CliServices.BuildForRules([path]);
        if (IsolationUnavailable(services))
        {
            return ExitCodes.IsolationUnavailable;
        }

        var compilation = await CompileAsync(services, path, cancellationToken);
        if (compilation is null)
        {
            return ExitCodes.BadInput;
        }

        if (compilation.Compiled is not { } rule)
        {
            foreach (var diagnostic in compilation.Diagnostics)
            {
                Console.Error.WriteLine(diagnostic.ToString());
            }

            return ExitCodes.ScriptErrors;
        }

        RuleFixture fixture;
        try
        {
            fixture = RuleFixture.Load(fixturePath);
        }
        catch (RuleFixtureException ex)
        {
            Console.Error.WriteLine(ex.Message); // names the file already
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{fixturePath}: {ex.Message}");
            return ExitCodes.BadInput;
        }

        // The API's checks, so a fixture holds only data the host would take (and no day its windows cannot reach).
        if (FixtureErrors(fixture).ToList() is { Count: > 0 } invalid)
        {
            foreach (var error in invalid)
            {
                Console.Error.WriteLine($"{fixturePath}: {error}");
            }

            return ExitCodes.BadInput;
        }

        GiveHostBudgets(services, compilation, rule);
        var timeout = timeoutMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : rule.Limits.Timeout;
        var workers = services.GetRequiredService<RuleWorkerPool>();
        var results = workers.Enabled
            ? await RuleTester.RunAsync(rule, fixture, timeout, workers, cancellationToken)
            : await RuleTester.RunAsync(rule, fixture, timeout, cancellationToken);
        var failures = results.Where(r => r.Run.Outcome is RuleOutcome.Failed or RuleOutcome.TimedOut).ToList();
        foreach (var failure in failures)
        {
            Console.Error.WriteLine($"{path}: rule {rule.Rule.Id} {failure.Run.Outcome} on {failure.Sku}: {failure.Run.Error}");
        }

        Console.Out.WriteLine(RuleTestOutput.Serialize(results));
        return failures.Count > 0 ? ExitCodes.RuleFailed : ExitCodes.Success;
    }

    // Confined without bubblewrap: the CLI refuses as the host does, rather than run rules unconfined.
    // Each invalid item of a fixture, named by its place in the file ("skus[1].date: must be ...").
    private static IEnumerable<string> FixtureErrors(RuleFixture fixture)
    {
        var validator = SnapshotValidator.AnyMarketplace;
        var errors = fixture.Skus.SelectMany((sku, i) => validator.Validate(sku).Select(e => $"skus[{i}].{e.Field}: {e.Message}"))
            .Concat(fixture.Campaigns.SelectMany((campaign, i) => validator.Validate(campaign).Select(e => $"campaigns[{i}].{e.Field}: {e.Message}")));
        return fixture.Event is { } marketplaceEvent
            ? errors.Concat(validator.Validate(marketplaceEvent).Select(e => $"event.{e.Field}: {e.Message}"))
            : errors;
    }

    private static bool IsolationUnavailable(IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<RuleWorkerPool>().Confined;
            return false;
        }
        catch (InvalidOperationException exception)
        {
            Console.Error.WriteLine($"error: {exception.Message}");
            return true;
        }
    }

    // The same budgets the host applies: the rule's own from its metadata header, or the configured defaults, capped by the ceiling.
    private static void GiveHostBudgets(IServiceProvider services, RuleCompilation compilation, CompiledRule rule)
    {
        var options = services.GetRequiredService<IOptions<ScriptingOptions>>().Value;
        rule.Limits = compilation.Metadata.LimitsFrom(options.Limits, options.LimitsCeiling);
    }

    // Through the same workers the host uses, so what the CLI accepts is what the host runs.
    private static async Task<RuleCompilation?> CompileAsync(IServiceProvider services, string path, CancellationToken cancellationToken)
    {
        var compiler = services.GetRequiredService<RuleCompiler>();
        var workers = services.GetRequiredService<RuleWorkerPool>();
        try
        {
            return workers.Enabled
                ? await workers.CompileFileAsync(path, compiler, cancellationToken)
                : await compiler.CompileFileAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Reading a folder fails as "access denied", which would send the user hunting for a permission problem.
            var reason = Directory.Exists(path) ? $"{path} is a directory, not a script file" : ex.Message;
            Console.Error.WriteLine($"{path}(1,1): error MP0001: cannot read the script: {reason}");
            return null;
        }
    }
}
