using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Simulator.Tests.Support;

/// <summary>Test data for the simulator.</summary>
public static class Some
{
    public static readonly DateOnly StartDate = new(2026, 1, 1);

    public static SimulatorOptions Options(int seed = 42, int skuCount = 40, int backfillDays = 30) => new()
    {
        Seed = seed,
        SkuCount = skuCount,
        BackfillDays = backfillDays,
        StartDate = StartDate,
    };

    public static SimulatedShop Shop(int seed = 42, int skuCount = 40) => new(Options(seed, skuCount), StartDate);

    public static List<SimulatedDay> Days(this SimulatedShop shop, int count) =>
        Enumerable.Range(0, count).Select(_ => shop.SimulateDay()).ToList();

    public static ActionRequest Request(string sku, RuleAction action, string? key = null) =>
        new(key ?? Guid.NewGuid().ToString("N"), new SkuKey(Marketplaces.Simulator, "demo", sku), action);

    /// <summary>A snapshot as text, lists included, so that series compare value by value.</summary>
    public static string Describe(SkuSnapshot s) => $"{s with { Promotions = [] }}|{string.Join(',', s.Promotions)}";

    /// <summary>A snapshot as text, lists included, so that series compare value by value.</summary>
    public static string Describe(CampaignSnapshot c) => $"{c with { Skus = [] }}|{string.Join(',', c.Skus)}";
}
