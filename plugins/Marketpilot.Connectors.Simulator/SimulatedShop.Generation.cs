namespace Marketpilot.Connectors.Simulator;

public sealed partial class SimulatedShop
{
    private static readonly (string Name, string[] Products, double MinPrice, double MaxPrice)[] Categories =
    [
        ("Electronics", ["Wireless Earbuds", "Power Bank", "Smart Watch", "USB-C Cable", "Bluetooth Speaker", "Phone Case"], 290, 14990),
        ("Home", ["Throw Blanket", "Desk Lamp", "Storage Box", "Scented Candle", "Wall Clock"], 390, 5990),
        ("Beauty", ["Face Serum", "Hair Dryer", "Lip Balm", "Shampoo", "Hand Cream"], 190, 4990),
        ("Kitchen", ["Chef Knife", "Frying Pan", "Coffee Grinder", "Water Bottle", "Cutting Board"], 250, 7990),
        ("Sports", ["Yoga Mat", "Dumbbell Set", "Running Socks", "Jump Rope", "Fitness Band"], 190, 9990),
        ("Toys", ["Building Blocks", "Plush Bear", "Jigsaw Puzzle", "Toy Car", "Board Game"], 290, 5990),
        ("Apparel", ["Cotton T-Shirt", "Hoodie", "Denim Jacket", "Wool Scarf", "Baseball Cap"], 390, 7990),
    ];

    private static readonly string[] Styles = ["Classic", "Pro", "Eco", "Mini", "Max", "Soft", "Urban", "Premium", "Basic", "Travel"];

    private static readonly string[] Seasons = ["summer", "winter", "all-season", "holiday"];

    private static readonly SimulatedPromotion[] PromotionCatalog =
    [
        new("promo-weekend-sale", "Weekend sale", 0.10m, 1.3),
        new("promo-season", "Season picks", 0.05m, 1.2),
        new("promo-clearance", "Clearance", 0.25m, 1.5),
        new("promo-flash", "Flash deals", 0.15m, 1.6),
    ];

    // Every 20th SKU of each profile, so the sample rules have something to fire on whatever the seed:
    // 10% under the 12% margin floor, 5% low stock with high demand, 5% weak cards, 5% high returns, 5% new.
    private enum Profile
    {
        Regular,
        LowMargin,
        LowStockHighDemand,
        WeakCard,
        HighReturns,
        NewItem,
        LowConversion,
    }

    private static Profile ProfileOf(int index) => (index % 20) switch
    {
        3 or 13 => Profile.LowMargin,
        7 => Profile.LowStockHighDemand,
        11 => Profile.WeakCard,
        17 => Profile.HighReturns,
        5 => Profile.NewItem,
        19 => Profile.LowConversion,
        _ => Profile.Regular,
    };

    private void Populate(Random random)
    {
        foreach (var sku in _skus)
        {
            if (random.NextDouble() < 0.3)
            {
                sku.Promotions.Add(PromotionCatalog[random.Next(PromotionCatalog.Length)].Id);
            }

            if (random.NextDouble() < 0.04)
            {
                AddCoupon(sku.Id, Math.Round((decimal)random.Between(0.05, 0.15), 2), 0, random.Next(3, 15));
            }
        }

        var campaignCount = Math.Max(1, _options.SkuCount / 12);
        for (var c = 0; c < campaignCount; c++)
        {
            var covered = Enumerable.Range(0, random.Next(2, 6))
                .Select(_ => _skus[random.Next(_skus.Count)].Id)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            _campaigns.Add(new SimulatedCampaign
            {
                Id = $"ad-{c + 1:D3}",
                Name = $"Ads {c + 1}: {_skuById[covered[0]].Category}",
                Skus = covered,
                Budget = Math.Round((decimal)random.Between(3, 30)) * 100m,
                Bid = Math.Round((decimal)random.Between(10, 80)) / 2m,
                ReferenceBid = 15m,
            });
        }
    }

    private SimulatedSku CreateSku(Random random, int index)
    {
        var profile = ProfileOf(index);
        var (category, products, minPrice, maxPrice) = Categories[random.Next(Categories.Length)];
        var title = $"{Styles[random.Next(Styles.Length)]} {products[random.Next(products.Length)]} {(char)('A' + random.Next(26))}{random.Next(10, 99)}";

        var rawPrice = Math.Exp(random.Between(Math.Log(minPrice), Math.Log(maxPrice)));
        var price = Math.Max((decimal)minPrice, (Math.Round((decimal)rawPrice / 10m) * 10m) - 10m);
        var margin = profile == Profile.LowMargin ? random.Between(0.02, 0.11) : random.Between(0.15, 0.55);
        var cost = Math.Round(price * (1m - (decimal)margin), 2);

        var demand = profile == Profile.LowStockHighDemand
            ? random.Between(3, 6)
            : Math.Clamp(Math.Exp(Math.Log(1.5) + (0.8 * random.Gaussian())), 0.1, 40);
        var stock = profile == Profile.LowStockHighDemand ? random.Next(2, 6) : (int)(demand * random.Between(20, 60)) + 5;
        var restockEvery = profile == Profile.LowStockHighDemand ? random.Next(25, 41) : random.Next(7, 22);

        var ctr = profile == Profile.WeakCard ? random.Between(0.02, 0.04) : random.Between(0.01, 0.05);
        var conversion = profile switch
        {
            Profile.WeakCard => random.Between(0.004, 0.009),
            Profile.LowConversion => random.Between(0.008, 0.014),
            _ => random.Between(0.02, 0.12),
        };
        var returnRate = profile == Profile.HighReturns ? random.Between(0.06, 0.12) : random.Between(0.005, 0.04);
        var listedDaysAgo = profile == Profile.NewItem ? random.Next(0, 10) : random.Next(60, 721);

        return new SimulatedSku
        {
            Id = $"SIM-{index + 1:D5}",
            Title = title,
            Category = category,
            Tags = [Seasons[index % Seasons.Length], title[..title.IndexOf(' ', StringComparison.Ordinal)].ToLowerInvariant()],
            BasePrice = price,
            Price = price,
            Cost = cost,
            Stock = stock,
            BaseDemand = demand,
            Elasticity = random.Between(0.8, 2.5),
            Ctr = ctr,
            Conversion = conversion,
            ReturnRate = category == "Apparel" ? Math.Min(0.2, returnRate + 0.02) : returnRate,
            ListedOn = StartDate.AddDays(-listedDaysAgo),
            RestockEvery = restockEvery,
            RestockPhase = random.Next(restockEvery),
            RestockTo = (int)(demand * random.Between(25, 50)) + 10,
            AvgDailyDemand = demand,
        };
    }
}
