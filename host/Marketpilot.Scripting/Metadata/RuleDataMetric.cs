namespace Marketpilot.Scripting.Metadata;

/// <summary>A daily count a rule's <c>// @min-data:</c> can require over a window.</summary>
public enum RuleDataMetric
{
    /// <summary><c>impressions</c>: times the SKU was shown.</summary>
    Impressions,

    /// <summary><c>clicks</c>: times its card was opened (the seller's "views").</summary>
    Clicks,

    /// <summary><c>add-to-cart</c>: times it was added to a cart.</summary>
    AddToCart,

    /// <summary><c>orders</c>: units ordered.</summary>
    Orders,
}
