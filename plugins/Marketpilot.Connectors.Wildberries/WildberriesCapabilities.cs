using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Wildberries;

/// <summary>What the Wildberries API lets the connector do, and why it cannot do the rest.</summary>
internal static class WildberriesCapabilities
{
    public static ConnectorCapabilities Value { get; } = new()
    {
        ActionKinds = [ActionKind.SetPrice, ActionKind.AddToPromo, ActionKind.PauseAds, ActionKind.ResumeAds, ActionKind.SetBid],
        UnsupportedReasons = new Dictionary<ActionKind, string>
        {
            [ActionKind.RemoveFromPromo] = "Wildberries' API has no way to take an item out of a promotion (only the seller cabinet can, and not for automatic promotions).",
            [ActionKind.CreateCoupon] = "Wildberries has no coupons: its discounts are the seller discount on the price for every buyer, with no end date, which a time-limited coupon cannot be mapped to.",
            [ActionKind.CancelCoupon] = "Wildberries has no coupons, so there is none to cancel.",
            [ActionKind.SetBudget] = "Wildberries campaigns have no daily budget: the API only tops up a campaign's balance (a deposit of at least 1000 RUB with no idempotency key).",
        },
        CanPullCatalog = true,
        CanPullMetrics = true,

        // WB's funnel has card opens, carts and orders; the day's returns come from the sales report. WB reports no organic impressions.
        PulledMetrics = MetricKinds.Clicks | MetricKinds.AddToCart | MetricKinds.Orders | MetricKinds.Returns,
        CanPullCampaigns = true,

        // WB's largest batch: 1,000 articles per price upload.
        MaxBatchSize = 1000,
    };
}
