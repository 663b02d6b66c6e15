#load "ide/globals.csx" // editor support only; the host skips this line
// Stock guard: 5 units or fewer left while at least 2 sell a day.
// Takes the SKU out of its promotions, pauses its active ads and tells purchasing;
// then stays quiet for 3 days so purchasing is not told the same thing every day.
if (Sku.Stock <= 5 && Sku.AvgDailyDemand >= 2 && !IsCoolingDown(TimeSpan.FromDays(3)))
{
    var reason = $"stock {Sku.Stock} with demand {Sku.AvgDailyDemand:0.#} a day";
    if (Sku.Promotions.Count > 0)
    {
        RemoveFromPromo(reason: reason);
    }

    if (Campaigns.Any(c => c.Kind == CampaignKind.Ad && c.Status == CampaignStatus.Active))
    {
        PauseAds(reason: reason);
    }

    Notify("purchasing", $"{Sku.Key}: {reason}, about {Sku.Stock / Sku.AvgDailyDemand:0.#} days left");
}
