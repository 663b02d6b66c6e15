using Marketpilot.Sdk.Actions;

namespace Marketpilot.Actions.Undo;

/// <summary>The actions that undo an applied action, built from the values it replaced.</summary>
public static class Compensation
{
    /// <summary>The compensating actions of <paramref name="applied"/>.</summary>
    /// <param name="applied">An applied action.</param>
    /// <returns>The actions that restore what it replaced, or why it cannot be undone.</returns>
    public static (IReadOnlyList<RuleAction> Actions, string? Refusal) For(ActionRecord applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        var replaced = applied.Replaced;
        var reason = $"undo of action {applied.ActionId}";
        IReadOnlyList<RuleAction> Of(params RuleAction[] actions) => actions;
        (IReadOnlyList<RuleAction>, string?) Refuse(string why) => ([], why);

        switch (applied.Action)
        {
            case SetPrice when replaced?.Price is { } price:
                return (Of(new SetPrice(price) { Reason = reason }), null);
            case AddToPromo add when replaced?.Promotions is { } before:
                return before.Contains(add.PromotionId, StringComparer.Ordinal)
                    ? Refuse($"the SKU was already in promotion '{add.PromotionId}', so the action changed nothing")
                    : (Of(new RemoveFromPromo(add.PromotionId) { Reason = reason }), null);
            case RemoveFromPromo remove when replaced?.Promotions is { } before:
                var left = before.Where(p => remove.PromotionId is null || p == remove.PromotionId).ToList();
                return left.Count == 0
                    ? Refuse("the SKU was in none of the promotions the action left, so it changed nothing")
                    : ([.. left.Select(p => new AddToPromo(p) { Reason = reason })], null);
            case PauseAds pause when replaced?.AdCampaigns is { } ads:
                var paused = ads.Where(a => a.Active && (pause.CampaignId is null || a.CampaignId == pause.CampaignId)).ToList();
                return paused.Count == 0
                    ? Refuse("no ad campaign the action paused was running before it")
                    : ([.. paused.Select(a => new ResumeAds(a.CampaignId) { Reason = reason })], null);
            case ResumeAds resume when replaced?.AdCampaigns is { } ads:
                var resumed = ads.Where(a => !a.Active && (resume.CampaignId is null || a.CampaignId == resume.CampaignId)).ToList();
                return resumed.Count == 0
                    ? Refuse("no ad campaign the action resumed was paused before it")
                    : ([.. resumed.Select(a => new PauseAds(a.CampaignId) { Reason = reason })], null);
            case SetBid bid when replaced?.Bid is { } oldBid:
                return (Of(new SetBid(bid.CampaignId, oldBid) { Reason = reason }), null);
            case SetBudget budget when replaced?.Budget is { } oldBudget:
                return (Of(new SetBudget(budget.CampaignId, oldBudget) { Reason = reason }), null);
            case CreateCoupon when applied.CreatedId is { } couponId:
                return (Of(new CancelCoupon(couponId) { Reason = reason }), null);
            case CreateCoupon:
                return Refuse("the connector did not report the coupon's id, so it cannot be cancelled");
            case Notify:
                return Refuse("a notification cannot be taken back");
            case CancelCoupon:
                return Refuse("a cancelled coupon cannot be restored");
            default:
                return Refuse($"the values the {applied.Kind} action replaced were not known when it was approved");
        }
    }

    /// <summary>Whether a later action touches what <paramref name="earlier"/> changed, so undoing the earlier one would overwrite it.</summary>
    /// <param name="earlier">The action to undo.</param>
    /// <param name="later">An action on the same SKU logged after it.</param>
    /// <returns><see langword="true"/> when both change the same thing.</returns>
    public static bool Overlaps(RuleAction earlier, RuleAction later) => (earlier, later) switch
    {
        (SetPrice, SetPrice) => true,
        (AddToPromo or RemoveFromPromo, AddToPromo or RemoveFromPromo) => Promotion(earlier) is not { } a || Promotion(later) is not { } b || a == b,
        (PauseAds or ResumeAds, PauseAds or ResumeAds) => Campaign(earlier) is not { } a || Campaign(later) is not { } b || a == b,
        (SetBid x, SetBid y) => x.CampaignId == y.CampaignId,
        (SetBudget x, SetBudget y) => x.CampaignId == y.CampaignId,
        _ => false,
    };

    private static string? Promotion(RuleAction action) => action switch { AddToPromo a => a.PromotionId, RemoveFromPromo r => r.PromotionId, _ => null };

    private static string? Campaign(RuleAction action) => action switch { PauseAds p => p.CampaignId, ResumeAds r => r.CampaignId, _ => null };
}
