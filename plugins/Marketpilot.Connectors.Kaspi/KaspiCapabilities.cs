using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Kaspi;

/// <summary>What Kaspi.kz's public merchant API lets a connector do (marketplace-apis.md §3.6).</summary>
public static class KaspiCapabilities
{
    /// <summary>Why Kaspi cannot apply each action kind but <see cref="ActionKind.SetPrice"/>, as the seller reads it in the action log.</summary>
    public static IReadOnlyDictionary<ActionKind, string> UnsupportedReasons { get; } = new Dictionary<ActionKind, string>
    {
        [ActionKind.CreateCoupon] = "Kaspi.kz has no public API for coupons or discounts; set them in the Kaspi merchant cabinet.",
        [ActionKind.CancelCoupon] = "Kaspi.kz has no public API for coupons or discounts; cancel them in the Kaspi merchant cabinet.",
        [ActionKind.AddToPromo] = "Kaspi.kz has no public API for promotions; join them in the Kaspi merchant cabinet.",
        [ActionKind.RemoveFromPromo] = "Kaspi.kz has no public API for promotions; leave them in the Kaspi merchant cabinet.",
        [ActionKind.PauseAds] = "Kaspi.kz has no public advertising API (Kaspi Advertising lives only in the merchant cabinet).",
        [ActionKind.ResumeAds] = "Kaspi.kz has no public advertising API (Kaspi Advertising lives only in the merchant cabinet).",
        [ActionKind.SetBid] = "Kaspi.kz has no public advertising API, so bids cannot be changed from outside the merchant cabinet.",
        [ActionKind.SetBudget] = "Kaspi.kz has no public advertising API, so budgets cannot be changed from outside the merchant cabinet.",
        [ActionKind.Notify] = "Notifications go to notification channels, not to Kaspi.kz.",
    };

    /// <summary>
    /// Prices only (through the XML price list Kaspi fetches, so each price action is applied once Kaspi fetched a list
    /// that carries it); orders and returns per SKU and day from the orders API; no catalog (Kaspi has no API that lists
    /// offers, prices or stock: the seller's catalog reaches the host through its own API) and no campaigns.
    /// </summary>
    public static ConnectorCapabilities Value { get; } = new()
    {
        ActionKinds = [ActionKind.SetPrice],
        UnsupportedReasons = UnsupportedReasons,
        CanPullCatalog = false,
        CanPullMetrics = true,
        PulledMetrics = MetricKinds.Orders | MetricKinds.Returns,
        CanPullCampaigns = false,
        MaxBatchSize = ConnectorCapabilities.DefaultMaxBatchSize,
    };
}
