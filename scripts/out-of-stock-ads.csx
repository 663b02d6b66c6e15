#load "ide/globals.csx" // editor support only; the host skips this line
// Out-of-stock ads: no stock left, so stop paying for ads that send shoppers to it.
// Pauses every active ad campaign that covers the SKU, one action per campaign.
if (Sku.Stock == 0)
{
    foreach (var campaign in Campaigns.Where(c => c.Kind == CampaignKind.Ad && c.Status == CampaignStatus.Active))
    {
        PauseAds(campaign.CampaignId, $"out of stock; campaign {campaign.CampaignId} still running");
    }
}
