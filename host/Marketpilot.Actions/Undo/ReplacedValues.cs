namespace Marketpilot.Actions.Undo;

/// <summary>
/// What an action replaces, as the host knew it when the action was approved: the values undo restores. Only the
/// fields the action's kind touches are set.
/// </summary>
/// <param name="Price">The price before a <c>SetPrice</c>.</param>
/// <param name="Promotions">The promotions the SKU was in before an <c>AddToPromo</c> or <c>RemoveFromPromo</c>.</param>
/// <param name="AdCampaigns">The ad campaigns covering the SKU and their status before a <c>PauseAds</c> or <c>ResumeAds</c>.</param>
/// <param name="Bid">The campaign's bid before a <c>SetBid</c>.</param>
/// <param name="Budget">The campaign's budget before a <c>SetBudget</c>.</param>
[GenerateSerializer]
[Alias("Marketpilot.Actions.ReplacedValues")]
public sealed record ReplacedValues(
    decimal? Price = null,
    IReadOnlyList<string>? Promotions = null,
    IReadOnlyList<AdCampaignState>? AdCampaigns = null,
    decimal? Bid = null,
    decimal? Budget = null);

/// <summary>One ad campaign covering a SKU and whether it was running.</summary>
/// <param name="CampaignId">The campaign id.</param>
/// <param name="Active">Whether it was active (not paused or ended).</param>
[GenerateSerializer]
[Alias("Marketpilot.Actions.AdCampaignState")]
public sealed record AdCampaignState(string CampaignId, bool Active);
