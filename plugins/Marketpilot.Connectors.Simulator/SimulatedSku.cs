namespace Marketpilot.Connectors.Simulator;

/// <summary>The mutable state of one SKU inside a <see cref="SimulatedShop"/>.</summary>
internal sealed class SimulatedSku
{
    /// <summary>The share of the base price below which the marketplace refuses a price.</summary>
    public const decimal MinPriceShare = 0.6m;

    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Category { get; init; }

    /// <summary>The seller's labels: a season by position and the product line from the title, so a seed never changes them.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The price the base demand was measured at; demand responds to the ratio of the buyer's price to it.</summary>
    public required decimal BasePrice { get; init; }

    public required decimal Price { get; set; }

    /// <summary>The lowest price the marketplace accepts: <see cref="MinPriceShare"/> of <see cref="BasePrice"/>, rounded down to a whole unit.</summary>
    public decimal MinPrice => Math.Max(1m, Math.Floor(BasePrice * MinPriceShare));

    public required decimal Cost { get; init; }

    public required int Stock { get; set; }

    /// <summary>Units a day at the base price, without promotions, ads or coupons.</summary>
    public required double BaseDemand { get; init; }

    /// <summary>How strongly demand falls as the price rises: demand ∝ (price / base price)^-elasticity.</summary>
    public required double Elasticity { get; init; }

    public required double Ctr { get; init; }

    public required double Conversion { get; init; }

    public required double ReturnRate { get; init; }

    public required DateOnly ListedOn { get; init; }

    public required int RestockEvery { get; init; }

    public required int RestockPhase { get; init; }

    public required int RestockTo { get; init; }

    public SortedSet<string> Promotions { get; } = new(StringComparer.Ordinal);

    public double AvgDailyDemand { get; set; }

    /// <summary>Orders of the last few days, newest last; returns come back from them.</summary>
    public Queue<long> RecentOrders { get; } = new();

    public double BaseImpressions => BaseDemand / (Ctr * Conversion);
}
