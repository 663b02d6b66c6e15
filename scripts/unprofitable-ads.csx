#load "ide/globals.csx" // editor support only; the host skips this line
// Unprofitable ads: an active ad campaign covering the SKU spent money and earned back less
// (ROAS under 1) on its latest day. Pauses that campaign rather than trimming its budget: a campaign
// that loses money on every sale should stop until a person looks at it.
foreach (var campaign in Campaigns.Where(c => c.Kind == CampaignKind.Ad && c.Status == CampaignStatus.Active))
{
    if (campaign.Spend > 0 && campaign.Roas < 1)
    {
        PauseAds(campaign.CampaignId, $"ROAS {campaign.Roas:0.00} on spend {campaign.Spend:0.00}");
    }
}
