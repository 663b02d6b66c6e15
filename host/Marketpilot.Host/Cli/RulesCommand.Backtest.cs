using System.CommandLine;
using System.Globalization;
using Marketpilot.Host.Ingestion;
using System.Text.Json;
using Marketpilot.Actions.Guardrails;
using Marketpilot.Host.Backtest;
using Marketpilot.Host.Demo;
using Marketpilot.Host.Experiments;
using Marketpilot.Host.Hosting;
using Marketpilot.Plugins.Shops;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Workers;
using Marketpilot.Sdk.Serialization;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Cli;

/// <content><c>rules backtest</c>: replays recorded history through a rule, touching nothing.</content>
public static partial class RulesCommand
{
    private const int ShownProposals = 40;

    private static Command BacktestCommand()
    {
        var file = new Argument<string>("file") { Description = "The rule script (.csx)." };
        var days = new Option<int?>("--days") { Description = "Replay the last N days of the history (default 30)." };
        var from = new Option<string>("--from") { Description = "The first day to replay (yyyy-MM-dd); instead of --days." };
        var to = new Option<string>("--to") { Description = "The last day to replay (yyyy-MM-dd); default the newest recorded." };
        var shop = new Option<string>("--shop") { Description = "Only this shop, as marketplace/shopId (store source)." };
        var source = new Option<string>("--source") { Description = "Where the history comes from: store (the host's data folder, read only) or simulator (a fresh simulated shop).", DefaultValueFactory = _ => "store" };
        var data = new Option<string>("--data") { Description = "The host's data folder (store source); same as Marketpilot:DataPath, default ./data." };
        var seed = new Option<int>("--seed") { Description = "The simulator's seed (simulator source).", DefaultValueFactory = _ => 42 };
        var skus = new Option<int>("--skus") { Description = "The simulated shop's SKUs (simulator source).", DefaultValueFactory = _ => 200 };
        var elasticity = new Option<double>("--elasticity") { Description = "The price elasticity of demand the effect estimate assumes.", DefaultValueFactory = _ => 1.5 };
        var json = new Option<bool>("--json") { Description = "Print every proposal and the totals as JSON." };
        var command = new Command("backtest", "Replay recorded history through a rule with the host's evaluation core and guardrails, touching nothing, and print what it would have done and the estimated effect on margin.")
        {
            file, days, from, to, shop, source, data, seed, skus, elasticity, json,
        };
        command.SetAction((parse, cancellationToken) => BacktestAsync(
            new BacktestArguments(parse.GetRequiredValue(file), parse.GetValue(days), parse.GetValue(from), parse.GetValue(to), parse.GetValue(shop),
                parse.GetValue(source)!, parse.GetValue(data), parse.GetValue(seed), parse.GetValue(skus), parse.GetValue(elasticity), parse.GetValue(json)),
            cancellationToken));
        return command;
    }

    private static async Task<int> BacktestAsync(BacktestArguments args, CancellationToken cancellationToken)
    {
        if (!TryDate(args.From, "--from", out var from) || !TryDate(args.To, "--to", out var to))
        {
            return ExitCodes.BadInput;
        }

        if (args.Source is not ("store" or "simulator") || args.Days is < 1 or > 3650 || args.Elasticity is <= 0 or > 20 || (from is not null && args.Days is not null))
        {
            Console.Error.WriteLine($"error: {(args.Source is not ("store" or "simulator") ? $"--source '{args.Source}' is neither store nor simulator"
                : args.Days is < 1 or > 3650 ? $"--days {args.Days} is not from 1 to 3650"
                : from is not null && args.Days is not null ? "give --days or --from, not both"
                : $"--elasticity {args.Elasticity} is not above 0 and at most 20")}");
            return ExitCodes.BadInput;
        }

        // The rule compiles and runs in the same workers as in the host, with the same budgets.
        await using var services = CliServices.BuildForRules(
            [args.File],
            args.Source == "simulator" ? SimulatorShop.Settings(args.Seed, args.Skus, BacktestWarmUpDays + (args.Days ?? DefaultBacktestDays), DemoSettings.StartDate) : null);
        if (IsolationUnavailable(services))
        {
            return ExitCodes.IsolationUnavailable;
        }

        if (await CompileAsync(services, args.File, cancellationToken) is not { } compilation)
        {
            return ExitCodes.BadInput;
        }

        foreach (var diagnostic in compilation.Diagnostics)
        {
            Console.Error.WriteLine(diagnostic);
        }

        if (compilation.Compiled is not { } compiled)
        {
            return ExitCodes.ScriptErrors;
        }

        GiveHostBudgets(services, compilation, compiled);

        if (compilation.Metadata.EventTriggers.Count > 0)
        {
            // History is one snapshot per SKU-day, with no events: say so rather than report an event rule as idle.
            Console.Error.WriteLine($"warning: {compilation.Rule.Id} runs on {string.Join(", ", compilation.Metadata.EventTriggers)}; a backtest replays daily data without events, so `Event` is null here and those triggers do not fire. Measure it on a rollout (`@rollout`, `rules report`) or in `demo`, which replays the simulator's events.");
        }

        StoredHistory history;
        DateOnly evaluateFrom;
        try
        {
            (history, evaluateFrom) = args.Source == "simulator"
                ? await SimulatedHistoryAsync(services, args, cancellationToken)
                : await StoredHistoryAsync(args, from, to, cancellationToken);
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        if (history is null)
        {
            return ExitCodes.BadInput;
        }

        // Each shop's guardrails as the live host applies them: its own (set through the API, kept in the store), else its defaults.
        var defaults = ShopGuardrailsOf(services.GetRequiredService<IConfiguration>());
        var runner = new SingleRuleRunner(compilation, services.GetRequiredService<RuleWorkerPool>());
        var result = await new BacktestRun(runner, shop => history.ShopGuardrails.GetValueOrDefault(shop) ?? defaults.For(shop), args.Elasticity)
            .RunAsync(history.Days, evaluateFrom, cancellationToken);
        Console.Out.Write(args.Json ? JsonSerializer.Serialize(result, MarketpilotJson.Options) + Environment.NewLine : BacktestText(result));
        return ExitCodes.Success;
    }

    private const int DefaultBacktestDays = 30;
    private const int BacktestWarmUpDays = 30;

    // Marketpilot:Guardrails, with a configured shop's own on top, as the host's guardrails grain starts from.
    private static ShopGuardrailDefaults ShopGuardrailsOf(IConfiguration configuration)
    {
        var shops = new ShopsOptions();
        shops.Load(configuration);
        var global = configuration.GetSection(GuardrailSettings.SectionName).Get<GuardrailSettings>() ?? new GuardrailSettings();
        return new ShopGuardrailDefaults(Options.Create(global), Options.Create(shops));
    }

    private static async Task<(StoredHistory, DateOnly)> SimulatedHistoryAsync(IServiceProvider services, BacktestArguments args, CancellationToken cancellationToken)
    {
        if (SimulatorShop.Connector(services) is not { } simulator)
        {
            return (null!, default);
        }

        var days = new List<BacktestDay>();
        string? cursor = null;
        for (var i = 0; i < BacktestWarmUpDays + (args.Days ?? DefaultBacktestDays); i++)
        {
            var page = await SimulatorShop.PullDayAsync(simulator, cursor, cancellationToken);
            cursor = page.NextCursor;
            days.Add(new BacktestDay(page.Skus[0].Date!.Value, page.Skus, page.Campaigns));
        }

        return (new StoredHistory(days, new Dictionary<string, GuardrailSettings>()), DemoSettings.StartDate.AddDays(BacktestWarmUpDays));
    }

    private static async Task<(StoredHistory, DateOnly)> StoredHistoryAsync(BacktestArguments args, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var dataPath = Path.GetFullPath(args.Data ?? CliServices.Configuration()["Marketpilot:DataPath"] ?? "data");
        var history = await StoreHistory.ReadAsync(Path.Combine(dataPath, MarketpilotOptions.DatabaseFileName), args.Shop, null, to, cancellationToken);
        var last = to ?? (history.Days.Count > 0 ? history.Days[^1].Date : DateOnly.FromDateTime(DateTime.UtcNow));
        return (history, from ?? last.AddDays(1 - (args.Days ?? DefaultBacktestDays)));
    }

    private static bool TryDate(string? text, string name, out DateOnly? date)
    {
        date = null;
        if (text is null)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            Console.Error.WriteLine($"error: {name} '{text}' is not a date; write yyyy-MM-dd, for example 2026-11-01");
            return false;
        }

        // The days data can have (what the API takes), so no replayed window reaches past the calendar.
        if (parsed < SnapshotValidator.EarliestDate || parsed > SnapshotValidator.LatestDate)
        {
            Console.Error.WriteLine($"error: {name} '{text}' must be between {SnapshotValidator.EarliestDate:yyyy-MM-dd} and {SnapshotValidator.LatestDate:yyyy-MM-dd}");
            return false;
        }

        date = parsed;
        return true;
    }

    private static string BacktestText(BacktestResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new System.Text.StringBuilder();
        text.AppendLine(inv, $"backtest of {result.RuleId} ({result.RuleVersion}), {result.From:yyyy-MM-dd}..{result.To:yyyy-MM-dd}: {result.SkuDays:#,0} SKU-days in {result.Elapsed.TotalSeconds:0.00} s ({result.SkuDaysPerSecond:#,0} SKU-days/s); nothing was changed");
        foreach (var p in result.Proposals.Take(ShownProposals))
        {
            var outcome = p.Guardrail is { } g ? $"refused by guardrail {g}" : p.EstimatedMarginEffect is { } e ? $"est. margin {ReportText.Signed((double)e)}" : "no estimate";
            text.AppendLine(inv, $"  {p.Date:yyyy-MM-dd} {p.Sku} {p.Action.Kind} {p.Action.Reason}: {outcome}");
        }

        if (result.Proposals.Count > ShownProposals)
        {
            text.AppendLine(inv, $"  … {result.Proposals.Count - ShownProposals} more (--json lists them all)");
        }

        foreach (var kind in result.Proposals.GroupBy(p => p.Action.Kind).OrderBy(g => g.Key))
        {
            var refused = kind.Count(p => p.Guardrail is not null);
            text.AppendLine(inv, $"  {kind.Key}: {kind.Count() - refused} would go ahead, {refused} refused by guardrails; estimated margin effect {ReportText.Signed((double)kind.Sum(p => p.EstimatedMarginEffect ?? 0))}");
        }

        if (result.FailedRuns > 0)
        {
            text.AppendLine(inv, $"  the rule failed or ran out of its budgets on {result.FailedRuns:#,0} SKU-days and proposed nothing there; the first: {result.FirstFailure}");
        }

        text.AppendLine(inv, $"estimated margin effect {ReportText.Signed((double)result.EstimatedMarginEffect)} over the window, assuming a price elasticity of {result.Elasticity:0.##} (an estimate from a model, not a measurement: try the rule on a rollout to measure it)");
        return text.ToString();
    }

    private sealed record BacktestArguments(
        string File, int? Days, string? From, string? To, string? Shop, string Source, string? Data, int Seed, int Skus, double Elasticity, bool Json);
}
