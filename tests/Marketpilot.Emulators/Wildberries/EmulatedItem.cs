namespace Marketpilot.Emulators.Wildberries;

/// <summary>One card of the emulated shop with its price, stock and daily funnel.</summary>
public sealed class EmulatedItem
{
    /// <summary>The WB article.</summary>
    public required long NmId { get; init; }

    /// <summary>The seller's article.</summary>
    public required string VendorCode { get; init; }

    /// <summary>The card's title.</summary>
    public required string Title { get; init; }

    /// <summary>The card's subject (category).</summary>
    public string SubjectName { get; init; } = "Футболки";

    /// <summary>The size WB prices (one per item here).</summary>
    public required long ChrtId { get; init; }

    /// <summary>When the card was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The card's last change, WB's cursor field.</summary>
    public required string UpdatedAt { get; init; }

    /// <summary>The base price in whole roubles.</summary>
    public long Price { get; set; }

    /// <summary>The seller discount in percent.</summary>
    public int Discount { get; set; }

    /// <summary>The buyer-facing seller price: <see cref="Price"/> less <see cref="Discount"/>.</summary>
    public decimal DiscountedPrice => Price * (100 - Discount) / 100m;

    /// <summary>Units on WB's warehouses.</summary>
    public long StockWb { get; set; }

    /// <summary>Units on the seller's warehouses.</summary>
    public long StockMp { get; set; }

    /// <summary>Card opens per day.</summary>
    public long OpenCount { get; set; }

    /// <summary>Carts per day.</summary>
    public long CartCount { get; set; }

    /// <summary>Orders per day.</summary>
    public long OrderCount { get; set; }

    /// <summary>Returns per day.</summary>
    public long ReturnCount { get; set; }
}

/// <summary>A calendar promotion.</summary>
public sealed class EmulatedPromotion
{
    /// <summary>The promotion id.</summary>
    public required long Id { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary><c>regular</c> or <c>auto</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Start.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>End.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>The articles the promotion takes.</summary>
    public HashSet<long> Eligible { get; } = [];

    /// <summary>The articles taking part.</summary>
    public HashSet<long> Members { get; } = [];

    /// <summary>Articles uploaded before the start, held in the buffer until then.</summary>
    public HashSet<long> Pending { get; } = [];
}

/// <summary>An ad campaign.</summary>
public sealed class EmulatedAdvert
{
    /// <summary>The campaign id.</summary>
    public required long Id { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary><c>unified</c> or <c>manual</c>.</summary>
    public required string BidType { get; init; }

    /// <summary>WB status: 4 ready, 7 finished, 8 cancelled, 9 active, 11 paused, -1 deleted.</summary>
    public int Status { get; set; }

    /// <summary>The campaign's balance in whole roubles; 0 refuses a start.</summary>
    public long Budget { get; set; }

    /// <summary>Bids in kopecks by article and placement (<c>combined</c>, <c>search</c>, <c>recommendations</c>).</summary>
    public Dictionary<long, Dictionary<string, long>> Bids { get; } = [];
}
