using Marketpilot.Sdk.Collections;

namespace Marketpilot.Sdk.Catalog;

/// <summary>
/// What a marketplace reports about one SKU: its listing (price, cost, stock, promotions) as of now
/// and its traffic and sales counts for one day.
/// </summary>
/// <remarks>
/// Money is a <see langword="decimal"/> in the shop's currency. The counts (<see cref="Impressions"/>
/// to <see cref="Returns"/>) belong to <see cref="Date"/> only; sending the same SKU and day again
/// replaces that day's counts instead of adding to them.
/// </remarks>
public sealed record SkuSnapshot
{
    private readonly IReadOnlyList<string> _promotions = ReadOnlyData.Freeze<string>([]);
    private readonly IReadOnlyList<string> _tags = ReadOnlyData.Freeze<string>([]);

    /// <summary>The lower-case marketplace id, for example <c>ozon</c>. Required.</summary>
    public required string Marketplace { get; init; }

    /// <summary>The seller's shop id on the marketplace. Required.</summary>
    public required string ShopId { get; init; }

    /// <summary>The seller's SKU id (article). Required.</summary>
    public required string Sku { get; init; }

    /// <summary>The product title as listed.</summary>
    public string? Title { get; init; }

    /// <summary>The seller's category for the product.</summary>
    public string? Category { get; init; }

    /// <summary>The current selling price, in the shop's currency; greater than 0 (the host refuses a snapshot without one).</summary>
    public decimal Price { get; init; }

    /// <summary>
    /// The cost of one unit to the seller, in the shop's currency; never negative. 0 means not known (a marketplace that
    /// does not know the seller's cost reports 0): the host then keeps the cost it last had for the SKU, such as one the
    /// seller posted through the API.
    /// </summary>
    public decimal Cost { get; init; }

    /// <summary>
    /// The lowest price the marketplace accepts for the SKU, where it reports one (Ozon's <c>min_price</c>, for example);
    /// <see langword="null"/> when it does not; greater than 0 when present. The host never sends a price below it.
    /// </summary>
    public decimal? MinPrice { get; init; }

    /// <summary>Units available to sell.</summary>
    public int Stock { get; init; }

    /// <summary>Average units ordered per day, as the marketplace or the seller estimates it.</summary>
    public double AvgDailyDemand { get; init; }

    /// <summary>Times the SKU was shown in search and catalog on <see cref="Date"/>.</summary>
    public long Impressions { get; init; }

    /// <summary>Times its card was opened on <see cref="Date"/> (the seller's "views"); at most <see cref="Impressions"/>.</summary>
    public long Clicks { get; init; }

    /// <summary>Times it was added to a cart on <see cref="Date"/>; at most <see cref="Clicks"/>.</summary>
    public long AddToCart { get; init; }

    /// <summary>Units ordered on <see cref="Date"/>; at most <see cref="Clicks"/>, so that conversion (orders / clicks) is a fraction.</summary>
    public long Orders { get; init; }

    /// <summary>Units returned on <see cref="Date"/>; they may exceed the day's <see cref="Orders"/>, since returns follow earlier orders.</summary>
    public long Returns { get; init; }

    /// <summary>
    /// What the day's <see cref="Orders"/> brought in, in the shop's currency, as the marketplace reports it (after the
    /// buyer's discounts); <see langword="null"/> when it reports none, and the host then counts orders × <see cref="Price"/>.
    /// Never negative. Experiment reports and the console use it for revenue and margin.
    /// </summary>
    public decimal? Revenue { get; init; }

    /// <summary>Where most traffic came from (for example <c>search</c>, <c>ads</c>, <c>external</c>).</summary>
    public string? TrafficSource { get; init; }

    /// <summary>The marketplace's status of the product card (for example <c>active</c>, <c>blocked</c>).</summary>
    public string? CardStatus { get; init; }

    /// <summary>When the SKU was first listed; rules use it to leave new items alone.</summary>
    public DateTimeOffset? ListedAt { get; init; }

    /// <summary>The day (UTC) the counts belong to; the host uses today when it is absent.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Ids of the promotions the SKU takes part in now. Immutable: whatever is assigned is kept as an immutable copy.</summary>
    public IReadOnlyList<string> Promotions { get => _promotions; init => _promotions = ReadOnlyData.Freeze(value ?? []); }

    /// <summary>
    /// The seller's own labels for the SKU (for example <c>summer</c>, <c>gift</c>), in the order given; rules select SKUs
    /// by them (<c>// @scope: tag=summer</c>), ignoring case. Empty when none. Immutable: whatever is assigned is kept as an
    /// immutable copy.
    /// </summary>
    public IReadOnlyList<string> Tags { get => _tags; init => _tags = ReadOnlyData.Freeze(value ?? []); }

    /// <summary>The key that identifies this SKU.</summary>
    public SkuKey Key => new(Marketplace, ShopId, Sku);

    /// <summary>Margin: (<see cref="Price"/> − <see cref="Cost"/>) / <see cref="Price"/>, as a fraction; 0 when the price is 0.</summary>
    public decimal Margin => Price == 0 ? 0 : (Price - Cost) / Price;

    /// <summary>The day's counts as a <see cref="DailyMetrics"/> for <paramref name="date"/>.</summary>
    /// <param name="date">The day to stamp the counts with, normally <see cref="Date"/>.</param>
    /// <returns>The day's counts.</returns>
    public DailyMetrics MetricsFor(DateOnly date) => new(date, Impressions, Clicks, AddToCart, Orders, Returns);
}
