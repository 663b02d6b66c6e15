using System.Globalization;

namespace Marketpilot.Emulators.Ozon;

/// <summary>The seeded shop: products, two promotions (one open, one frozen) and two ad campaigns.</summary>
public sealed partial class OzonEmulator
{
    /// <summary>The promotion products may join and leave.</summary>
    public const long OpenPromotionId = 71001;

    /// <summary>The promotion with a freeze date: its products can no longer leave.</summary>
    public const long FrozenPromotionId = 71002;

    /// <summary>A running pay-per-click campaign with a weekly budget, advertising products 1 to 20.</summary>
    public const string RunningCampaignId = "48852";

    /// <summary>A campaign stopped by its owner with a daily budget, advertising products 21 to 25.</summary>
    public const string InactiveCampaignId = "48853";

    /// <summary>The offer id of the <paramref name="n"/>th seeded product (from 1).</summary>
    public static string OfferId(int n) => string.Create(CultureInfo.InvariantCulture, $"OFR-{n:D5}");

    /// <summary>The storefront SKU of the <paramref name="n"/>th seeded product.</summary>
    public static long StorefrontSku(int n) => 1_520_000_000L + n;

    /// <summary>Fills the shop with <paramref name="count"/> products (ids in order), promotions and campaigns; deterministic.</summary>
    public OzonEmulator Seed(int count)
    {
        lock (_gate)
        {
            var open = Promotions[OpenPromotionId] = new EmulatedPromotion { Id = OpenPromotionId, Title = "Осенняя распродажа" };
            var frozen = Promotions[FrozenPromotionId] = new EmulatedPromotion { Id = FrozenPromotionId, Title = "Чёрная пятница", FreezeDate = "2026-11-20T00:00:00Z" };
            var running = Campaigns[RunningCampaignId] = new EmulatedCampaign { Id = RunningCampaignId, Title = "Реклама товаров №1", WeeklyBudget = "14000000000" };
            var inactive = Campaigns[InactiveCampaignId] = new EmulatedCampaign { Id = InactiveCampaignId, Title = "Реклама товаров №2", State = "CAMPAIGN_STATE_INACTIVE", DailyBudget = "500000000" };
            for (var n = 1; n <= count; n++)
            {
                var price = 1000m + (n % 500);
                var product = new EmulatedProduct
                {
                    ProductId = 200_000 + n,
                    OfferId = OfferId(n),
                    Sku = StorefrontSku(n),
                    Name = $"Товар {n}",
                    Price = price,
                    MinPrice = decimal.Round(price * 0.8m, 0),
                    NetPrice = decimal.Round(price * 0.5m, 2),
                    Present = n % 50,
                    Reserved = n % 3,
                    Metrics = (100 + n, n % 20, n % 7, n % 2),
                };
                Products[product.ProductId] = product;
                open.Candidates[product.ProductId] = decimal.Round(price * 0.85m, 0);
                if (n <= 10)
                {
                    open.Participants[product.ProductId] = decimal.Round(price * 0.85m, 0);
                }
                else if (n <= 15)
                {
                    frozen.Candidates[product.ProductId] = decimal.Round(price * 0.9m, 0);
                    frozen.Participants[product.ProductId] = decimal.Round(price * 0.9m, 0);
                }

                var sku = product.Sku.ToString(CultureInfo.InvariantCulture);
                if (n <= 20)
                {
                    running.Bids[sku] = "25000000";
                    running.Statistics[sku] = (1200, 35, 6, 434.00m, 3, 5970m);
                }
                else if (n <= 25)
                {
                    inactive.Bids[sku] = "15000000";
                }
            }
        }

        return this;
    }
}
