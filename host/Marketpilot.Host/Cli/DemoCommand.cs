using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Marketpilot.Actions.Guardrails;
using Marketpilot.Experiments;
using Marketpilot.Host.Api;
using Marketpilot.Host.Demo;
using Marketpilot.Host.Experiments;
using Marketpilot.Plugins;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Workers;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Serialization;
using Spectre.Console;

namespace Marketpilot.Host.Cli;

/// <summary><c>demo</c>: the simulated shop with every sample rule on a rollout against a control group, faster than real time.</summary>
public static class DemoCommand
{
    /// <summary>Builds the <c>demo</c> verb.</summary>
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "Simulated days with the rules on (1 to 3650).", DefaultValueFactory = _ => 90 };
        var seed = new Option<int>("--seed") { Description = "The simulator's seed: the same seed gives the same shop and the same result.", DefaultValueFactory = _ => 42 };
        var skus = new Option<int>("--skus") { Description = "How many SKUs the simulated shop lists (1 to 100000).", DefaultValueFactory = _ => 200 };
        var rollout = new Option<string>("--rollout") { Description = "The test share of every rule, for example 15%.", DefaultValueFactory = _ => "15%" };
        var scripts = new Option<string>("--scripts") { Description = "The rules to try; default the host's scripts folder (Marketpilot:Scripting:ScriptsPath)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON instead of tables (progress still goes to stderr)." };
        var command = new Command("demo", "Run the simulated shop with the rules in the scripts folder, each on a test arm against a control group, faster than real time, and print each rule's experiment: orders, revenue, margin, conversion, stock-outs and returns per arm, with 95% confidence intervals.")
        {
            days, seed, skus, rollout, scripts, json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(days), parse.GetValue(seed), parse.GetValue(skus), parse.GetValue(rollout)!, parse.GetValue(scripts), parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int days, int seed, int skus, string rolloutText, string? scriptsPath, bool json, CancellationToken cancellationToken)
    {
        Rollout rollout;
        try
        {
            rollout = Rollout.Parse(rolloutText);
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"error: --rollout: {ex.Message}");
            return ExitCodes.BadInput;
        }

        if (days is < 1 or > 3650 || skus is < 1 or > 100_000)
        {
            Console.Error.WriteLine($"error: {(days is < 1 or > 3650 ? $"--days {days} is not from 1 to 3650" : $"--skus {skus} is not from 1 to 100000")}");
            return ExitCodes.BadInput;
        }

        // The demo runs rules in this process (the engine alone, for speed); an operator who requires confinement gets none of it.
        if (Enum.TryParse<RuleIsolation>(CliServices.Configuration()["Marketpilot:Scripting:Isolation"], ignoreCase: true, out var isolation) && isolation == RuleIsolation.Confined)
        {
            Console.Error.WriteLine("error: demo runs rules inside its own process, and Marketpilot:Scripting:Isolation is Confined; try a rule confined with `rules backtest --source simulator`");
            return ExitCodes.IsolationUnavailable;
        }

        var settings = new DemoSettings(days, seed, skus, rollout);
        var scripts = Path.GetFullPath(scriptsPath ?? CliServices.Configuration()["Marketpilot:Scripting:ScriptsPath"] ?? "scripts");
        if (!Directory.Exists(scripts))
        {
            Console.Error.WriteLine($"error: the scripts folder {scripts} does not exist; pass --scripts");
            return ExitCodes.BadInput;
        }

        await using var services = CliServices.BuildForSimulation(scripts, SimulatorShop.Settings(settings.Seed, settings.Skus, settings.WarmUpDays + settings.Days, DemoSettings.StartDate));
        var catalog = services.GetRequiredService<RuleCatalog>();
        await catalog.LoadAsync(cancellationToken);
        var failed = catalog.Describe().Where(r => !r.Compiled).ToList();
        foreach (var rule in failed)
        {
            Console.Error.WriteLine($"warning: rule {rule.Rule.Id} did not compile and is left out; `marketpilot rules check {rule.Rule.Path}` says why");
        }

        if (catalog.Rules.Count == 0)
        {
            Console.Error.WriteLine($"error: no rule in {scripts} compiled");
            return ExitCodes.ScriptErrors;
        }

        if (SimulatorShop.Connector(services) is not { } simulator)
        {
            return ExitCodes.BadInput;
        }

        var guardrails = services.GetRequiredService<IConfiguration>().GetSection(GuardrailSettings.SectionName).Get<GuardrailSettings>() ?? new GuardrailSettings();
        var run = new DemoRun(simulator, new RolloutForAll(catalog, rollout), guardrails);
        var result = await WithProgressAsync(settings, progress => run.RunAsync(settings, progress, cancellationToken));

        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(DemoView.Of(result), MarketpilotJson.Options));
        }
        else
        {
            Print(result);
        }

        return ExitCodes.Success;
    }

    private static async Task<DemoResult> WithProgressAsync(DemoSettings settings, Func<Action<int>, Task<DemoResult>> run)
    {
        var interactive = !Console.IsErrorRedirected && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (!interactive)
        {
            // Plain lines for logs and pipes: one every tenth of the run.
            var step = Math.Max(1, settings.Days / 10);
            return await run(day =>
            {
                if (day % step == 0 || day == settings.Days)
                {
                    Console.Error.WriteLine($"day {day}/{settings.Days}");
                }
            });
        }

        DemoResult? result = null;
        await console.Progress().StartAsync(async context =>
        {
            var task = context.AddTask($"{settings.Skus} SKUs, {settings.Days} days", maxValue: settings.Days);
            result = await run(day => task.Value = day);
        });
        return result!;
    }

    private static void Print(DemoResult result)
    {
        var settings = result.Settings;
        var table = new Table().Title($"{result.Rules.Count} rules, each on a {settings.Rollout} test arm against control; {settings.Skus} SKUs, {settings.Days} days, seed {settings.Seed}");
        table.AddColumns("rule", "applied", "rejected", "control", "margin/SKU-day test − control [[95% CI]]", "incremental margin [[95% CI]]");
        foreach (var rule in result.Rules)
        {
            var margin = rule.Report.Kpis.Single(k => k.Kpi == KpiNames.Margin);
            table.AddRow(
                Markup.Escape(rule.RuleId),
                rule.Applied.ToString(CultureInfo.InvariantCulture),
                rule.Rejected.ToString(CultureInfo.InvariantCulture),
                rule.Control.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(Interval(margin.Difference)),
                Markup.Escape(Interval(rule.Report.IncrementalMargin)));
        }

        // Redirected output has no terminal width; wide enough for the table rather than wrapping every cell.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.Profile.Width = Math.Max(console.Profile.Width, 150);
        console.Write(table);
        foreach (var rule in result.Rules)
        {
            Console.Out.WriteLine();
            Console.Out.Write(ReportText.Of(RuleReportView.Of(rule.Report, [$"{Marketplaces.Simulator}/demo"])));
        }

        Console.Out.WriteLine();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.SkuDays:#,0} SKU-days, {result.Evaluations:#,0} rule evaluations in {result.Elapsed.TotalSeconds:0.0} s ({result.SkuDays / Math.Max(result.Elapsed.TotalSeconds, 0.001):#,0} SKU-days/s). * marks an interval that excludes zero."));
    }

    private static string Interval(Interval? interval) => interval is null
        ? "n/a"
        : string.Create(CultureInfo.InvariantCulture, $"{ReportText.Signed(interval.Value)} [{interval.Low:#,0}, {interval.High:#,0}]{(interval.ExcludesZero ? " *" : string.Empty)}");
}
