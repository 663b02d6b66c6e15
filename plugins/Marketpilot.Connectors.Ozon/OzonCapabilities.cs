using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Ozon;

/// <summary>What an Ozon shop's connector does, which depends on whether its Performance API credentials are configured.</summary>
internal static class OzonCapabilities
{
    public const string NoCoupons =
        "Ozon's Seller API has no seller coupons: a seller can only approve or decline the discounts buyers request (/v1/actions/discounts-task)";

    public const string NoAds =
        "ads are not configured for this Ozon shop: set Credentials:PerformanceClientId and Credentials:PerformanceClientSecret (Performance API service account)";

    private static readonly ActionKind[] AdKinds = [ActionKind.PauseAds, ActionKind.ResumeAds, ActionKind.SetBid, ActionKind.SetBudget];

    /// <summary>The largest batch the host may send; price calls are split at Ozon's 1000.</summary>
    public const int MaxBatchSize = 2000;

    public static ConnectorCapabilities For(OzonShopOptions shop)
    {
        var reasons = new Dictionary<ActionKind, string>
        {
            [ActionKind.CreateCoupon] = NoCoupons,
            [ActionKind.CancelCoupon] = NoCoupons,
        };
        if (!shop.HasAds)
        {
            foreach (var kind in AdKinds)
            {
                reasons[kind] = NoAds;
            }
        }

        return new ConnectorCapabilities
        {
            ActionKinds = [ActionKind.SetPrice, ActionKind.AddToPromo, ActionKind.RemoveFromPromo, .. shop.HasAds ? AdKinds : []],
            UnsupportedReasons = reasons,
            CanPullCatalog = true,
            CanPullMetrics = shop.PullMetrics,
            // Ozon reports no organic clicks (card opens) through the Seller API; ad clicks are on the campaigns.
            PulledMetrics = MetricKinds.Impressions | MetricKinds.AddToCart | MetricKinds.Orders | MetricKinds.Returns,
            CanPullCampaigns = shop.HasAds,
            MaxBatchSize = MaxBatchSize,
        };
    }
}
