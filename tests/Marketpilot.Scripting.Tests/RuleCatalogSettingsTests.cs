using Marketpilot.Scripting.Metadata;
using Marketpilot.Scripting.Tests.Support;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Scripting.Tests;

/// <summary>The rule catalog runs every rule with one effective metadata: its header with the operator's settings, in process and in workers; and it caps firings.</summary>
public sealed class RuleCatalogSettingsTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Overrides _overrides = new();
    private readonly CountingQuota _quota = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AnOverrideOfTheScopeDecidesTheNextEvaluationAndRemovingItRestoresTheHeader()
    {
        _folder.Write("kettles.csx", "// @scope: category=Kettles\nSetPrice(1m);");
        using var catalog = CreateCatalog();
        await catalog.LoadAsync();
        var iron = Some.Sku() with { Category = "Irons" };

        var before = await RunAsync(catalog, iron);
        _overrides.Set("kettles", new RuleSettings(Scope: "category=Irons"));
        var overridden = await RunAsync(catalog, iron);
        var described = Assert.Single(catalog.Describe());
        _overrides.Set("kettles", null);
        var restored = await RunAsync(catalog, iron);

        Assert.Equal([RuleOutcome.NoAction, RuleOutcome.Fired, RuleOutcome.NoAction], [before, overridden, restored]);
        Assert.Equal(["Irons"], described.Metadata!.Scope.Categories);
        Assert.Equal("category=Irons", described.Settings!.Scope);
        Assert.Equal(["Kettles"], catalog.MetadataOf("kettles")!.Scope.Categories);
    }

    [Fact]
    public async Task InWorkersTheOverrideReachesTheAdmissionDecisionToo()
    {
        _folder.Write("guarded.csx", "// @guards: in-stock\nSetPrice(1m);");
        // One worker: the one that compiled the rule evaluates it too.
        await using var workers = WorkerPools.Create(o => (o.ScriptsPath, o.WorkerCount) = (_folder.Path, 1));
        using var catalog = CreateCatalog(workers);
        await catalog.LoadAsync();
        var soldOut = Some.Sku(stock: 0);

        var before = await RunAsync(catalog, soldOut);
        _overrides.Set("guarded", new RuleSettings(Guards: "none", MinData: "orders>=1/1d"));
        var withoutOrders = await RunAsync(catalog, soldOut);
        var withAnOrder = await RunAsync(catalog, soldOut with { Date = Some.Day(22) }, new DailyMetrics(Some.Day(22), 1, 1, 0, 1, 0));

        Assert.True(workers.Enabled);
        Assert.Equal([RuleOutcome.NoAction, RuleOutcome.NoAction, RuleOutcome.Fired], [before, withoutOrders, withAnOrder]);
    }

    [Fact]
    public async Task AFiringPastTheDailyCapProposesNothing()
    {
        _folder.Write("capped.csx", "// @max-firings-per-day: 2\nSetPrice(1m);");
        using var catalog = CreateCatalog();
        await catalog.LoadAsync();

        var runs = new List<RuleRun>();
        foreach (var sku in new[] { "A-1", "A-2", "A-3" })
        {
            runs.Add(await catalog.RunAsync(catalog.Rules[0], Some.Globals(Some.Sku(sku)), CancellationToken.None));
        }

        Assert.Equal([RuleOutcome.Fired, RuleOutcome.Fired, RuleOutcome.NoAction], runs.Select(r => r.Outcome));
        Assert.Empty(runs[2].Actions);
        Assert.Equal([("capped", "ozon/shop-1/A-1", 2), ("capped", "ozon/shop-1/A-2", 2), ("capped", "ozon/shop-1/A-3", 2)], _quota.Calls);
    }

    [Fact]
    public async Task TheCapCanBeSetThroughSettingsAndRunsThatDoNotFireTakeNothing()
    {
        _folder.Write("free.csx", "if (Sku.Stock > 0) SetPrice(1m);");
        using var catalog = CreateCatalog();
        await catalog.LoadAsync();
        _overrides.Set("free", new RuleSettings(MaxFiringsPerDay: 1));

        var quiet = await RunAsync(catalog, Some.Sku(stock: 0));
        var first = await RunAsync(catalog, Some.Sku("A-1"));
        var second = await RunAsync(catalog, Some.Sku("A-2"));

        Assert.Equal([RuleOutcome.NoAction, RuleOutcome.Fired, RuleOutcome.NoAction], [quiet, first, second]);
        Assert.Equal(2, _quota.Calls.Count);
    }

    private static async Task<RuleOutcome> RunAsync(RuleCatalog catalog, SkuSnapshot sku, params DailyMetrics[] history) =>
        (await catalog.RunAsync(catalog.Rules[0], new RuleGlobals(sku, history, [], RuleState.New("test"), Some.Now), CancellationToken.None)).Outcome;

    private RuleCatalog CreateCatalog(Scripting.Workers.RuleWorkerPool? workers = null) =>
        new(
            new RuleCompiler(),
            Options.Create(new ScriptingOptions { ScriptsPath = _folder.Path }),
            NullLogger<RuleCatalog>.Instance,
            TimeProvider.System,
            workers,
            _overrides,
            _quota);

    private sealed class Overrides : IRuleSettingsSource
    {
        public IReadOnlyDictionary<string, RuleSettings> Current { get; private set; } = new Dictionary<string, RuleSettings>();

        public void Set(string ruleId, RuleSettings? settings)
        {
            var next = new Dictionary<string, RuleSettings>(Current);
            if (settings is null)
            {
                next.Remove(ruleId);
            }
            else
            {
                next[ruleId] = settings;
            }

            Current = next;
        }
    }

    private sealed class CountingQuota : IRuleFiringQuota
    {
        private readonly Dictionary<string, int> _taken = [];

        public List<(string Rule, string Sku, int Limit)> Calls { get; } = [];

        public Task<bool> TryTakeAsync(RuleDescriptor rule, SkuKey sku, DateTimeOffset at, int limit, CancellationToken cancellationToken)
        {
            Calls.Add((rule.Id, sku.ToString(), limit));
            var taken = _taken.GetValueOrDefault(rule.Id);
            if (taken >= limit)
            {
                return Task.FromResult(false);
            }

            _taken[rule.Id] = taken + 1;
            return Task.FromResult(true);
        }
    }
}
