using Marketpilot.Actions.Guardrails;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Actions.Undo;

/// <summary>Captures what an action replaces, from what the host knows of the SKU when it approves the action.</summary>
public static class Replacement
{
    /// <summary>The values <paramref name="action"/> replaces on <paramref name="sku"/>.</summary>
    /// <param name="action">The action.</param>
    /// <param name="sku">The SKU's latest snapshot.</param>
    /// <param name="campaigns">The campaigns covering the SKU.</param>
    /// <param name="day">What the SKU had approved today (a price set earlier today replaces the snapshot's).</param>
    /// <returns>The replaced values; <see langword="null"/> for kinds that replace nothing (notifications, new coupons).</returns>
    public static ReplacedValues? Capture(RuleAction action, SkuSnapshot sku, IEnumerable<CampaignSnapshot> campaigns, SkuActionDay day)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(day);
        return action switch
        {
            SetPrice => new ReplacedValues(Price: day.Price ?? sku.Price),
            AddToPromo or RemoveFromPromo => new ReplacedValues(Promotions: [.. sku.Promotions]),
            PauseAds or ResumeAds => new ReplacedValues(AdCampaigns: [.. campaigns
                .Where(c => c.Kind == CampaignKind.Ad)
                .OrderBy(c => c.CampaignId, StringComparer.Ordinal)
                .Select(c => new AdCampaignState(c.CampaignId, c.Status == CampaignStatus.Active))]),
            SetBid bid => campaigns.FirstOrDefault(c => c.CampaignId == bid.CampaignId) is { } campaign ? new ReplacedValues(Bid: campaign.Bid) : null,
            SetBudget budget => campaigns.FirstOrDefault(c => c.CampaignId == budget.CampaignId) is { } campaign ? new ReplacedValues(Budget: campaign.Budget) : null,
            _ => null,
        };
    }
}
