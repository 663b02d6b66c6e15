namespace Marketpilot.Emulators.Ozon;

/// <summary>A product of the emulated shop.</summary>
public sealed class EmulatedProduct
{
    /// <summary>Ozon's product_id.</summary>
    public required long ProductId { get; init; }

    /// <summary>The seller's article (offer_id): Marketpilot's SKU id.</summary>
    public required string OfferId { get; init; }

    /// <summary>Ozon's storefront SKU.</summary>
    public required long Sku { get; init; }

    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The current price in roubles.</summary>
    public decimal Price { get; set; }

    /// <summary>The price under which Ozon refuses a change (0: none).</summary>
    public decimal MinPrice { get; set; }

    /// <summary>The seller's cost (net_price).</summary>
    public decimal NetPrice { get; set; }

    /// <summary>Units present at the seller's warehouse.</summary>
    public long Present { get; set; }

    /// <summary>Units reserved by orders.</summary>
    public long Reserved { get; set; }

    /// <summary>Today's analytics: impressions, add-to-cart, ordered units, returns.</summary>
    public (long Views, long ToCart, long Orders, long Returns) Metrics { get; set; }

    /// <summary>When each applied price change happened, for Ozon's 10-per-hour limit.</summary>
    public List<DateTimeOffset> PriceChanges { get; } = [];
}

/// <summary>A promotion ("акция") of the emulated shop.</summary>
public sealed class EmulatedPromotion
{
    /// <summary>The action id.</summary>
    public required long Id { get; init; }

    /// <summary>The title.</summary>
    public string Title { get; set; } = "";

    /// <summary>Non-empty when products can no longer leave and prices can no longer rise.</summary>
    public string FreezeDate { get; set; } = "";

    /// <summary>Products that may join, with their max_action_price.</summary>
    public Dictionary<long, decimal> Candidates { get; } = [];

    /// <summary>Products in the promotion, with their action_price.</summary>
    public Dictionary<long, decimal> Participants { get; } = [];
}

/// <summary>An ad campaign of the emulated shop (Performance API).</summary>
public sealed class EmulatedCampaign
{
    /// <summary>The campaign id.</summary>
    public required string Id { get; init; }

    /// <summary>The title.</summary>
    public string Title { get; set; } = "";

    /// <summary>CAMPAIGN_STATE_RUNNING, CAMPAIGN_STATE_INACTIVE, ...</summary>
    public string State { get; set; } = "CAMPAIGN_STATE_RUNNING";

    /// <summary>The daily budget in millionths of a rouble ("0" for a weekly campaign).</summary>
    public string DailyBudget { get; set; } = "0";

    /// <summary>The weekly budget in millionths of a rouble.</summary>
    public string WeeklyBudget { get; set; } = "0";

    /// <summary>Storefront SKU → bid in millionths of a rouble.</summary>
    public Dictionary<string, string> Bids { get; } = [];

    /// <summary>Storefront SKU → today's views, clicks, to-cart, spend (roubles), orders, revenue (roubles).</summary>
    public Dictionary<string, (long Views, long Clicks, long ToCart, decimal Expense, long Orders, decimal Sales)> Statistics { get; } = [];
}
