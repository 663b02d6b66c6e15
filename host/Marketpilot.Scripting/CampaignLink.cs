using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Scripting;

/// <summary>
/// A campaign as one SKU keeps it and its rules see it: the campaign's snapshot with <see cref="CampaignSnapshot.Skus"/>
/// cut to that SKU. A promotion may cover tens of thousands of SKUs; each keeping the whole list would cost storage and
/// copies that grow with the square of the campaign's size.
/// </summary>
public static class CampaignLink
{
    /// <summary>The campaign as <paramref name="sku"/> keeps it.</summary>
    /// <param name="campaign">A campaign that covers the SKU.</param>
    /// <param name="sku">The SKU id.</param>
    /// <returns><paramref name="campaign"/> itself when it already lists only the SKU; otherwise a copy that does.</returns>
    public static CampaignSnapshot Of(CampaignSnapshot campaign, string sku)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(sku);
        return campaign.Skus is [var only] && only == sku ? campaign : campaign with { Skus = [sku] };
    }
}
