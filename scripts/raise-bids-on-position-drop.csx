#load "ide/globals.csx" // editor support only; the host skips this line
// @triggers: daily
// Raise bids when the ad's position drops: an active ad campaign covering the SKU that showed, on
// its latest day, further down than 5th place on average while still earning at least 3 times what it
// spent gets its bid raised by 10%. Where the ad pays back, a higher bid buys the position back; where
// it does not, unprofitable-ads.csx is the rule that acts.
const decimal TargetPosition = 5m;
const decimal RoasAtLeast = 3m;

foreach (var campaign in Campaigns.Where(c => c.Kind == CampaignKind.Ad && c.Status == CampaignStatus.Active && c.Bid > 0))
{
    if (campaign.AveragePosition is { } position && position > TargetPosition && campaign.Roas >= RoasAtLeast)
    {
        SetBid(campaign.CampaignId, Math.Round(campaign.Bid * 1.10m, 2), $"position {position:0.0} is below {TargetPosition:0} with ROAS {campaign.Roas:0.0}");
    }
}
