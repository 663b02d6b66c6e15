using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Grains.Campaigns;

/// <summary>One campaign of one shop: its latest snapshot and daily history.</summary>
/// <remarks>The grain key is <see cref="GrainKeys.For(CampaignKey)"/>.</remarks>
[Alias("Marketpilot.Grains.Campaigns.ICampaignGrain")]
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>Records a snapshot, persists it, and tells the SKU grains it covers (and those it no longer covers).</summary>
    /// <param name="snapshot">A validated snapshot whose key matches this grain; <c>Date</c> set.</param>
    /// <returns>The state after the update.</returns>
    [Alias("UpdateAsync")]
    Task<CampaignView> UpdateAsync(CampaignSnapshot snapshot);

    /// <summary>Returns the current state, or <see langword="null"/> when nothing was ever recorded.</summary>
    /// <returns>The state.</returns>
    [Alias("GetAsync")]
    Task<CampaignView?> GetAsync();
}
