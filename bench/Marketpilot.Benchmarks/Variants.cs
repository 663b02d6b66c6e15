using System.Globalization;
using Jint;
using Jint.Native;
using Marketpilot.Scripting;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using RulesEngine.Models;

namespace Marketpilot.Benchmarks;

/// <summary>(1) The sample rules written as ordinary C# lambdas over <see cref="RuleGlobals"/>.</summary>
public static class NativeRules
{
    private static readonly TimeSpan ThreeDays = TimeSpan.FromDays(3);

    public static Action<RuleGlobals> For(string rule) => rule switch
    {
        "min-margin" => MinMargin,
        "stock-guard" => StockGuard,
        "conversion-drop" => ConversionDrop,
        "out-of-stock-ads" => OutOfStockAds,
        "returns-alert" => ReturnsAlert,
        "unprofitable-ads" => UnprofitableAds,
        "weak-card" => WeakCard,
        "high-margin-coupon" => HighMarginCoupon,
        "raise-bids-on-position-drop" => RaiseBidsOnPositionDrop,
        "retargeting" => Retargeting,
        "shift-budget-by-roas" => ShiftBudgetByRoas,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "no native version"),
    };

    public static readonly Action<RuleGlobals> ConversionDrop = g =>
    {
        if (g.Week.Clicks >= 100 && g.Week.Conversion < 0.015 && !g.IsNewItem() && !g.IsCoolingDown(TimeSpan.FromDays(7)))
        {
            var reason = string.Create(CultureInfo.InvariantCulture, $"conversion {g.Week.Conversion:0.0%} over {g.Week.Clicks} clicks in 7 days");
            g.PauseAds(reason: reason);
            g.Notify("manager", string.Create(CultureInfo.InvariantCulture, $"{g.Sku.Key}: {reason}; ads paused"));
        }
    };

    public static readonly Action<RuleGlobals> OutOfStockAds = g =>
    {
        if (g.Sku.Stock == 0)
        {
            foreach (var campaign in g.Campaigns.Where(c => c.Kind == CampaignKind.Ad && c.Status == CampaignStatus.Active))
            {
                g.PauseAds(campaign.CampaignId, $"out of stock; campaign {campaign.CampaignId} still running");
            }
        }
    };

    public static readonly Action<RuleGlobals> ReturnsAlert = g =>
    {
        if (g.Month.Orders >= 20 && g.Month.ReturnRate > 0.05 && !g.IsCoolingDown(TimeSpan.FromDays(7)))
        {
            g.Notify("manager", string.Create(CultureInfo.InvariantCulture, $"{g.Sku.Key}: return rate {g.Month.ReturnRate:0.0%} ({g.Month.Returns} of {g.Month.Orders} orders in 30 days)"));
        }
    };

    public static readonly Action<RuleGlobals> UnprofitableAds = g =>
    {
        foreach (var campaign in g.Campaigns.Where(c => c.Kind == CampaignKind.Ad && c.Status == CampaignStatus.Active))
        {
            if (campaign.Spend > 0 && campaign.Roas < 1)
            {
                g.PauseAds(campaign.CampaignId, string.Create(CultureInfo.InvariantCulture, $"ROAS {campaign.Roas:0.00} on spend {campaign.Spend:0.00}"));
            }
        }
    };

    public static readonly Action<RuleGlobals> WeakCard = g =>
    {
        var couponLife = TimeSpan.FromHours(72);
        if (g.Week.Clicks >= 100 && g.Week.Conversion < 0.01 && g.Week.Ctr > 0.015 && !g.IsCoolingDown(couponLife))
        {
            g.CreateCoupon(0.10m, couponLife, string.Create(CultureInfo.InvariantCulture, $"conversion {g.Week.Conversion:0.0%} with CTR {g.Week.Ctr:0.0%} over 7 days"));
        }
    };

    public static readonly Action<RuleGlobals> MinMargin = g =>
    {
        const decimal MarginFloor = 0.12m;
        if (g.Sku.Cost > 0 && g.Sku.Margin < MarginFloor)
        {
            var floor = Math.Ceiling(g.Sku.Cost / (1 - MarginFloor) * 100) / 100;
            g.SetPrice(floor, string.Create(CultureInfo.InvariantCulture, $"margin {g.Sku.Margin:0.0%} is below {MarginFloor:0%}"));
        }
    };

    public static readonly Action<RuleGlobals> HighMarginCoupon = g =>
    {
        const decimal MarginAtLeast = 0.35m;
        const double ConversionUnder = 0.02;
        if (g.Sku.Margin >= MarginAtLeast && g.Sku.Stock > 0 && g.Week.Clicks >= 150 && g.Week.Conversion < ConversionUnder && !g.IsCoolingDown(ThreeDays))
        {
            g.CreateCoupon(0.07m, TimeSpan.FromHours(4), string.Create(CultureInfo.InvariantCulture, $"margin {g.Sku.Margin:0%} with conversion {g.Week.Conversion:0.0%} over {g.Week.Clicks} clicks in 7 days"));
        }
    };

    public static readonly Action<RuleGlobals> RaiseBidsOnPositionDrop = g =>
    {
        const decimal TargetPosition = 5m;
        const decimal RoasAtLeast = 3m;
        foreach (var campaign in g.Campaigns.Where(c => c.Kind == CampaignKind.Ad && c.Status == CampaignStatus.Active && c.Bid > 0))
        {
            if (campaign.AveragePosition is { } position && position > TargetPosition && campaign.Roas >= RoasAtLeast)
            {
                g.SetBid(campaign.CampaignId, Math.Round(campaign.Bid * 1.10m, 2), string.Create(CultureInfo.InvariantCulture, $"position {position:0.0} is below {TargetPosition:0} with ROAS {campaign.Roas:0.0}"));
            }
        }
    };

    public static readonly Action<RuleGlobals> Retargeting = g =>
    {
        if (g.Event is { ShopperId: { } shopper } && g.Sku.Stock > 0 && g.Sku.Cost > 0 && !g.IsCoolingDown(TimeSpan.FromDays(7)))
        {
            var discounted = g.Sku.Price * 0.90m;
            if ((discounted - g.Sku.Cost) / discounted >= 0.15m)
            {
                g.CreateCoupon(0.10m, TimeSpan.FromDays(2), string.Create(CultureInfo.InvariantCulture, $"shopper {shopper} viewed on {g.Event.OccurredAt:yyyy-MM-dd HH:mm} and did not order in 24 h"));
                g.Notify("push", string.Create(CultureInfo.InvariantCulture, $"{g.Sku.Key}: 10% coupon for shopper {shopper}, valid 2 days"));
            }
        }
    };

    public static readonly Action<RuleGlobals> ShiftBudgetByRoas = g =>
    {
        const decimal BestAtLeast = 3m;
        const decimal WorstUnder = 1.5m;
        const decimal Share = 0.20m;
        CampaignSnapshot? best = null;
        CampaignSnapshot? worst = null;
        for (var i = 0; i < g.Campaigns.Count; i++)
        {
            var c = g.Campaigns[i];
            if (c.Kind == CampaignKind.Ad && c.Status == CampaignStatus.Active && c.Spend > 0 && c.Budget > 0)
            {
                best = best is null || c.Roas > best.Roas ? c : best;
                worst = worst is null || c.Roas < worst.Roas ? c : worst;
            }
        }

        if (best is not null && worst is not null && best != worst && best.Roas >= BestAtLeast && worst.Roas < WorstUnder)
        {
            var moved = Math.Round(worst.Budget * Share, 2);
            g.SetBudget(worst.CampaignId, worst.Budget - moved, string.Create(CultureInfo.InvariantCulture, $"ROAS {worst.Roas:0.00}: {moved:0.00} of its budget moves to {best.CampaignId}"));
            g.SetBudget(best.CampaignId, best.Budget + moved, string.Create(CultureInfo.InvariantCulture, $"ROAS {best.Roas:0.00}: takes {moved:0.00} of budget from {worst.CampaignId}"));
        }
    };

    public static readonly Action<RuleGlobals> StockGuard = g =>
    {
        if (g.Sku.Stock <= 5 && g.Sku.AvgDailyDemand >= 2 && !g.IsCoolingDown(ThreeDays))
        {
            var reason = string.Create(CultureInfo.InvariantCulture, $"stock {g.Sku.Stock} with demand {g.Sku.AvgDailyDemand:0.#} a day");
            if (g.Sku.Promotions.Count > 0)
            {
                g.RemoveFromPromo(reason: reason);
            }

            if (g.Campaigns.Any(c => c.Kind == CampaignKind.Ad && c.Status == CampaignStatus.Active))
            {
                g.PauseAds(reason: reason);
            }

            g.Notify("purchasing", string.Create(CultureInfo.InvariantCulture, $"{g.Sku.Key}: {reason}, about {g.Sku.Stock / g.Sku.AvgDailyDemand:0.#} days left"));
        }
    };
}

/// <summary>(2) Plain Roslyn scripting: <c>CSharpScript.Create(...).CreateDelegate()</c>, no sandbox, no budgets.</summary>
public static class PlainScripts
{
    public static ScriptRunner<object> Create(string rule)
    {
        var options = ScriptOptions.Default
            .AddReferences(typeof(RuleGlobals).Assembly, typeof(Enumerable).Assembly)
            .AddImports("System", "System.Linq", "System.Collections.Generic", "Marketpilot.Sdk.Catalog", "Marketpilot.Sdk.Actions", "Marketpilot.Sdk.Rules")
            .WithOptimizationLevel(Microsoft.CodeAnalysis.OptimizationLevel.Release);
        var script = CSharpScript.Create(Scripts.ReadPlain(rule), options, globalsType: typeof(RuleGlobals));
        var errors = script.Compile().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(rule + ": " + string.Join("; ", errors));
        }

        return script.CreateDelegate();
    }
}

/// <summary>(3) This project's engine: <see cref="RuleCompiler"/> → <see cref="CompiledRule"/>.</summary>
public static class EngineRules
{
    private static readonly RuleCompiler Compiler = new();

    public static CompiledRule Compile(string rule) => Compiled(Compiler.CompileFileAsync(Scripts.PathOf(rule)).GetAwaiter().GetResult());

    /// <summary>Compiles a script given as text.</summary>
    public static CompiledRule CompileSource(string name, string source) => Compiled(Compiler.Compile(name + ".csx", source));

    private static CompiledRule Compiled(RuleCompilation compilation) =>
        compilation.Compiled ?? throw new InvalidOperationException(compilation.Rule.Path + ": " + string.Join("; ", compilation.Diagnostics));

    /// <summary>
    /// Compiles a sample rule and checks that it proposes as many actions as its native version over every SKU of the
    /// synthetic shop, so that both sides of a comparison do the same work.
    /// </summary>
    /// <returns>The compiled rule and how many actions each side proposed.</returns>
    public static (CompiledRule Compiled, int Actions) CompileMatching(string rule, Action<RuleGlobals> native, RuleGlobals globals)
    {
        var compiled = Compile(rule);
        var all = SyntheticShop.Skus;
        var (nativeActions, engineActions) = (Evaluations.Native(all, globals, native), Evaluations.Engine(all, globals, compiled));
        if (nativeActions != engineActions)
        {
            compiled.Unload();
            throw new InvalidOperationException($"{rule}: native proposes {nativeActions} actions, the engine {engineActions}");
        }

        return (compiled, nativeActions);
    }
}

/// <summary>What the JavaScript versions of the rules see: the current SKU's values and the action methods, forwarded to <see cref="RuleGlobals"/>.</summary>
public sealed class JsRuleHost
{
    private RuleGlobals _globals = null!;

    public void Use(RuleGlobals globals) => _globals = globals;

    public double Cost => (double)_globals.Sku.Cost;

    public double Price => (double)_globals.Sku.Price;

    public double Margin => (double)_globals.Sku.Margin;

    public int Stock => _globals.Sku.Stock;

    public double AvgDailyDemand => _globals.Sku.AvgDailyDemand;

    public int PromotionCount => _globals.Sku.Promotions.Count;

    public string Key => _globals.Sku.Key.ToString();

    public bool HasActiveAds
    {
        get
        {
            foreach (var c in _globals.Campaigns)
            {
                if (c.Kind == CampaignKind.Ad && c.Status == CampaignStatus.Active)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public bool IsCoolingDown(double days) => _globals.IsCoolingDown(TimeSpan.FromDays(days));

    public void SetPrice(double price, string reason) => _globals.SetPrice((decimal)price, reason);

    public void RemoveFromPromo(string reason) => _globals.RemoveFromPromo(reason: reason);

    public void PauseAds(string reason) => _globals.PauseAds(reason: reason);

    public void Notify(string recipient, string message) => _globals.Notify(recipient, message);
}

/// <summary>(4) Jint 4.18.0 with its constraints on, running the rules translated to JavaScript.</summary>
public sealed class JintRules
{
    public const string Source = """
        function fmt1(x) { return String(Math.round(x * 10) / 10); }
        function minMargin() {
          var cost = h.Cost, margin = h.Margin;
          if (cost > 0 && margin < 0.12) {
            var floor = Math.ceil(cost / (1 - 0.12) * 100) / 100;
            h.SetPrice(floor, 'margin ' + (margin * 100).toFixed(1) + '% is below 12%');
          }
        }
        function stockGuard() {
          var stock = h.Stock, demand = h.AvgDailyDemand;
          if (stock <= 5 && demand >= 2 && !h.IsCoolingDown(3)) {
            var reason = 'stock ' + stock + ' with demand ' + fmt1(demand) + ' a day';
            if (h.PromotionCount > 0) h.RemoveFromPromo(reason);
            if (h.HasActiveAds) h.PauseAds(reason);
            h.Notify('purchasing', h.Key + ': ' + reason + ', about ' + fmt1(stock / demand) + ' days left');
          }
        }
        """;

    private readonly Engine _engine;
    private readonly JsRuleHost _host = new();
    private readonly JsValue _function;

    public JintRules(string rule)
    {
        // The same budgets as the engine's defaults (RuleLimits.Default): 1,000,000 steps, depth 100, 16 MB, 1 s.
        _engine = new Engine(options => options
            .MaxStatements(1_000_000)
            .TimeoutInterval(TimeSpan.FromSeconds(1))
            .LimitRecursion(100)
            .LimitMemory(16L * 1024 * 1024)
            .Culture(CultureInfo.InvariantCulture));
        _engine.SetValue("h", _host);
        _engine.Execute(Source);
        _function = _engine.GetValue(rule switch
        {
            "min-margin" => "minMargin",
            "stock-guard" => "stockGuard",
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "no JavaScript version"),
        });
    }

    public void Evaluate(RuleGlobals globals)
    {
        _host.Use(globals);
        // Invoke does not restart the statement count and the timeout; a host must, per evaluation.
        _engine.Constraints.Reset();
        _engine.Invoke(_function);
    }
}

/// <summary>(5) Microsoft RulesEngine 6.0.1: the rule's condition as a workflow rule; the action, as RulesEngine leaves it, to the host.</summary>
public sealed class RulesEngineRules
{
    private readonly RulesEngine.RulesEngine _engine;
    private readonly string _workflow;
    private readonly Action<RuleGlobals> _onSuccess;

    public RulesEngineRules(string rule)
    {
        _workflow = rule;
        var (expression, onSuccess) = rule switch
        {
            "min-margin" => ("sku.Cost > 0 && sku.Margin < 0.12m", (Action<RuleGlobals>)MinMarginAction),
            "stock-guard" => ("sku.Stock <= 5 && sku.AvgDailyDemand >= 2 && !g.IsCoolingDown(TimeSpan.FromDays(3))", StockGuardAction),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "no RulesEngine version"),
        };
        _onSuccess = onSuccess;
        var workflow = new Workflow
        {
            WorkflowName = rule,
            Rules = [new Rule { RuleName = rule, Expression = expression, RuleExpressionType = RuleExpressionType.LambdaExpression }],
        };
        _engine = new RulesEngine.RulesEngine([workflow], new ReSettings { CustomTypes = [typeof(RuleGlobals), typeof(SkuSnapshot)] });
    }

    public void Evaluate(RuleGlobals globals)
    {
        var results = _engine.ExecuteAllRulesAsync(_workflow, new RuleParameter("sku", globals.Sku), new RuleParameter("g", globals)).AsTask().GetAwaiter().GetResult();
        if (results[0].IsSuccess)
        {
            _onSuccess(globals);
        }
        else if (results[0].ExceptionMessage is { Length: > 0 } error)
        {
            throw new InvalidOperationException(error);
        }
    }

    private static void MinMarginAction(RuleGlobals g)
    {
        const decimal MarginFloor = 0.12m;
        var floor = Math.Ceiling(g.Sku.Cost / (1 - MarginFloor) * 100) / 100;
        g.SetPrice(floor, string.Create(CultureInfo.InvariantCulture, $"margin {g.Sku.Margin:0.0%} is below {MarginFloor:0%}"));
    }

    private static void StockGuardAction(RuleGlobals g)
    {
        var reason = string.Create(CultureInfo.InvariantCulture, $"stock {g.Sku.Stock} with demand {g.Sku.AvgDailyDemand:0.#} a day");
        if (g.Sku.Promotions.Count > 0)
        {
            g.RemoveFromPromo(reason: reason);
        }

        if (g.Campaigns.Any(c => c.Kind == CampaignKind.Ad && c.Status == CampaignStatus.Active))
        {
            g.PauseAds(reason: reason);
        }

        g.Notify("purchasing", string.Create(CultureInfo.InvariantCulture, $"{g.Sku.Key}: {reason}, about {g.Sku.Stock / g.Sku.AvgDailyDemand:0.#} days left"));
    }
}
