using Marketpilot.Host.Ingestion;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.Sync;

/// <summary>
/// Cleans the free text of what a connector pulled (a SKU's title and category, a campaign's name) before it is
/// checked. That text is the seller's, typed in the marketplace's cabinet, and a stray control character or an
/// over-long title must not make the host skip the SKU: its price, stock and counts would then stay as they were and
/// rules would act on stale numbers. Ids and numbers are not cleaned: a wrong one is still refused.
/// Text sent to the API is not cleaned either: its sender gets the error and can fix it.
/// </summary>
internal static class ConnectorText
{
    /// <summary>The snapshot with its free text made plain; the same instance when there was nothing to clean.</summary>
    public static SkuSnapshot Clean(SkuSnapshot sku)
    {
        var title = PlainText.Clean(sku.Title, lineBreaks: true, SnapshotValidator.MaxTextLength);
        var category = PlainText.Clean(sku.Category, lineBreaks: false, SnapshotValidator.MaxTextLength);
        return ReferenceEquals(title, sku.Title) && ReferenceEquals(category, sku.Category) ? sku : sku with { Title = title, Category = category };
    }

    /// <summary>The snapshot with its name made plain; the same instance when there was nothing to clean.</summary>
    public static CampaignSnapshot Clean(CampaignSnapshot campaign)
    {
        var name = PlainText.Clean(campaign.Name, lineBreaks: true, SnapshotValidator.MaxTextLength);
        return ReferenceEquals(name, campaign.Name) ? campaign : campaign with { Name = name };
    }
}
