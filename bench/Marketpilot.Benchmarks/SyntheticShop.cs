using System.Collections.Immutable;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Benchmarks;

/// <summary>One SKU's inputs to a rule evaluation.</summary>
public sealed record SkuCase(SkuSnapshot Sku, IReadOnlyList<DailyMetrics> History, IReadOnlyList<CampaignSnapshot> Campaigns, RuleState State);

/// <summary>
/// A deterministic (seeded) synthetic shop of 100,000 SKUs: most of them healthy, so most rules
/// propose nothing, and a few percent with a low margin, low stock, weak conversion or many returns.
/// </summary>
public static class SyntheticShop
{
    public const int Count = 100_000;
    public const int Seed = 20261123;

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<SkuCase[]> Shared = new(() => Generate(Count, Seed));

    /// <summary>The 100,000 SKUs, generated once per process.</summary>
    public static SkuCase[] Skus => Shared.Value;

    public static SkuCase[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);

        // Histories, campaign lists, promotion lists and rule states are shared between SKUs (they are
        // immutable), as a host's would be for identical values; this keeps 100,000 SKUs in ~100 MB. The lists are
        // immutable arrays, as SkuEvaluationContext makes them, so RuleGlobals.Reset takes them without a copy.
        var histories = new IReadOnlyList<DailyMetrics>[1024];
        for (var h = 0; h < histories.Length; h++)
        {
            var profile = random.NextDouble();
            var clicksPerDay = random.Next(2, 60);
            var ctr = 0.01 + random.NextDouble() * 0.05;
            // ~6% weak conversion (weak-card, conversion-drop), ~4% many returns (returns-alert).
            var conversion = profile < 0.06 ? 0.002 + random.NextDouble() * 0.008 : 0.02 + random.NextDouble() * 0.08;
            var returnRate = profile is >= 0.06 and < 0.10 ? 0.08 + random.NextDouble() * 0.1 : random.NextDouble() * 0.03;
            var days = new DailyMetrics[30];
            for (var d = 0; d < days.Length; d++)
            {
                var clicks = (long)Math.Max(0, clicksPerDay + random.Next(-2, 3));
                var orders = (long)Math.Round(clicks * conversion * (0.5 + random.NextDouble()));
                days[d] = new DailyMetrics(
                    today.AddDays(d - 29),
                    (long)(clicks / ctr),
                    clicks,
                    (long)Math.Round(clicks * conversion * 3),
                    orders,
                    (long)Math.Round(orders * returnRate * (0.5 + random.NextDouble())));
            }

            histories[h] = ImmutableArray.Create(days);
        }

        IReadOnlyList<string>[] promotions = [[], [], [], ["promo-black-friday"]];
        CampaignSnapshot Campaign(string id, CampaignKind kind, CampaignStatus status, decimal spend, decimal revenue) => new()
        {
            Marketplace = "ozon",
            ShopId = "bench",
            CampaignId = id,
            Kind = kind,
            Status = status,
            Spend = spend,
            Revenue = revenue,
            Date = today,
        };
        IReadOnlyList<CampaignSnapshot>[] campaigns =
        [
            [], [], [], [],
            [Campaign("ad-1", CampaignKind.Ad, CampaignStatus.Active, 120m, 480m)],
            [Campaign("ad-2", CampaignKind.Ad, CampaignStatus.Paused, 0m, 0m)],
            [Campaign("ad-3", CampaignKind.Ad, CampaignStatus.Active, 90m, 300m), Campaign("promo-black-friday", CampaignKind.Promotion, CampaignStatus.Active, 0m, 0m)],
            [Campaign("ad-4", CampaignKind.Ad, CampaignStatus.Active, 200m, 150m)], // ROAS 0.75: unprofitable-ads fires
        ];
        campaigns = [.. campaigns.Select(c => (IReadOnlyList<CampaignSnapshot>)c.ToImmutableArray())];
        RuleState[] states =
        [
            RuleState.New("bench"),
            RuleState.New("bench") with { LastRunAt = Now.AddHours(-1) },
            RuleState.New("bench") with { LastRunAt = Now.AddHours(-1), LastFiredAt = Now.AddDays(-1) }, // cooling down
            RuleState.New("bench") with { LastRunAt = Now.AddHours(-1), LastFiredAt = Now.AddDays(-20) },
        ];

        var skus = new SkuCase[count];
        for (var i = 0; i < count; i++)
        {
            var price = Math.Round((decimal)(100 + random.NextDouble() * 900), 2);
            var mix = random.NextDouble();
            // ~5% under the 12% margin floor (min-margin fires), ~1% with no known cost.
            var margin = mix < 0.05 ? (decimal)(random.NextDouble() * 0.11) : mix < 0.06 ? 1m : (decimal)(0.15 + random.NextDouble() * 0.45);
            var cost = Math.Round(price * (1 - margin), 2);
            var stockMix = random.NextDouble();
            // ~3% low stock with steady demand (stock-guard may fire), ~2% low stock with slow demand, ~2% out of stock.
            var (stock, demand) = stockMix < 0.03 ? (random.Next(0, 6), 2 + random.NextDouble() * 8)
                : stockMix < 0.05 ? (random.Next(1, 6), random.NextDouble() * 1.5)
                : stockMix < 0.07 ? (0, random.NextDouble() * 4)
                : (random.Next(20, 800), random.NextDouble() * 10);
            var history = histories[random.Next(histories.Length)];
            var last = history[^1];
            skus[i] = new SkuCase(
                new SkuSnapshot
                {
                    Marketplace = "ozon",
                    ShopId = "bench",
                    Sku = "SKU-" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
                    Title = "Item",
                    Price = price,
                    Cost = mix is >= 0.05 and < 0.06 ? 0m : cost,
                    Stock = stock,
                    AvgDailyDemand = Math.Round(demand, 1),
                    Impressions = last.Impressions,
                    Clicks = last.Clicks,
                    AddToCart = last.AddToCart,
                    Orders = last.Orders,
                    Returns = last.Returns,
                    ListedAt = Now.AddDays(-random.Next(5, 720)),
                    Date = today,
                    Promotions = promotions[random.Next(promotions.Length)],
                },
                history,
                campaigns[random.Next(campaigns.Length)],
                states[random.Next(10) switch { < 7 => 0, 7 => 1, 8 => 2, _ => 3 }]);
        }

        return skus;
    }
}
