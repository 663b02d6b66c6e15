using System.Globalization;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Simulator;

public sealed partial class SimulatedShop
{
    /// <summary>Applies one action; it takes effect from the next simulated day.</summary>
    /// <param name="request">The action and the SKU it is for. The idempotency key is only echoed; <see cref="SimulatorConnector"/> deduplicates.</param>
    /// <returns>
    /// <see cref="ActionResultStatus.Applied"/> (for a <see cref="CreateCoupon"/>, with the new coupon's id in
    /// <see cref="ActionResult.CreatedId"/>), or <see cref="ActionResultStatus.Rejected"/> with the reason: an unknown
    /// shop, SKU, campaign, promotion or coupon, an invalid value (a price below the SKU's minimum price, a bid or coupon
    /// discount out of range), or a <see cref="Notify"/>, which the simulator does not deliver.
    /// </returns>
    public ActionResult Apply(ActionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        _createdId = null;
        var rejection = Reject(request) ?? ApplyTo(_skuById[request.Sku.Sku], request.Action);
        return rejection is null
            ? new ActionResult(request.IdempotencyKey, ActionResultStatus.Applied, CreatedId: _createdId)
            : new ActionResult(request.IdempotencyKey, ActionResultStatus.Rejected, rejection);
    }

    /// <summary>What an action can change on one SKU (price, coupons, promotions, its ad campaigns) as text, for tests.</summary>
    internal string DescribeSku(string sku)
    {
        if (!_skuById.TryGetValue(sku, out var item))
        {
            return "unknown";
        }

        var coupons = _coupons.Where(c => c.Sku == sku).Select(c => $"{c.Id}:{c.Discount}");
        var campaigns = _campaigns.Where(c => c.Skus.Contains(sku, StringComparer.Ordinal)).Select(c => $"{c.Id}:{c.Status}:{c.Bid}:{c.Budget}");
        return $"price {item.Price}; promotions {string.Join(',', item.Promotions)}; coupons {string.Join(',', coupons)}; campaigns {string.Join(',', campaigns)}";
    }

    private string? Reject(ActionRequest request)
    {
        if (request.Sku.Marketplace != Marketplaces.Simulator || request.Sku.ShopId != _options.ShopId)
        {
            return $"The simulator serves {Marketplaces.Simulator}/{_options.ShopId}, not {request.Sku.Marketplace}/{request.Sku.ShopId}.";
        }

        return _skuById.ContainsKey(request.Sku.Sku) ? null : $"Unknown SKU '{request.Sku.Sku}'.";
    }

    private string? ApplyTo(SimulatedSku sku, RuleAction action) => action switch
    {
        SetPrice { Price: <= 0 } => "The price must be greater than 0.",
        SetPrice set when Math.Round(set.Price, 2) < sku.MinPrice => string.Create(
            CultureInfo.InvariantCulture, $"The price {set.Price} is below the marketplace's minimum price {sku.MinPrice} for SKU '{sku.Id}'."),
        SetPrice set => Do(() => sku.Price = Math.Round(set.Price, 2)),
        CreateCoupon { Discount: <= 0 or >= 1 } => "The coupon discount must be greater than 0 and less than 1.",
        CreateCoupon { Duration.Ticks: <= 0 } => "The coupon duration must be positive.",
        CreateCoupon coupon => Do(() => _createdId = AddCoupon(sku.Id, coupon.Discount, DayIndex, (int)Math.Ceiling(coupon.Duration.TotalDays))),
        CancelCoupon cancel => Cancel(sku, cancel.CouponId),
        RemoveFromPromo { PromotionId: null } => Do(sku.Promotions.Clear),
        RemoveFromPromo remove => _promotions.ContainsKey(remove.PromotionId)
            ? Do(() => sku.Promotions.Remove(remove.PromotionId))
            : $"Unknown promotion '{remove.PromotionId}'.",
        AddToPromo add => _promotions.ContainsKey(add.PromotionId)
            ? Do(() => sku.Promotions.Add(add.PromotionId))
            : $"Unknown promotion '{add.PromotionId}'.",
        PauseAds pause => SetAdStatus(sku, pause.CampaignId, CampaignStatus.Paused),
        ResumeAds resume => SetAdStatus(sku, resume.CampaignId, CampaignStatus.Active),
        SetBid { Bid: <= 0 } => "The bid must be greater than 0.",
        SetBid bid => WithCampaign(bid.CampaignId, c => c.Bid = bid.Bid),
        SetBudget { Budget: < 0 } => "The budget must not be negative.",
        SetBudget budget => WithCampaign(budget.CampaignId, c => c.Budget = budget.Budget),
        Notify => "The simulator delivers no notifications.",
        _ => $"The simulator does not support {action.GetType().Name}.",
    };

    private string? SetAdStatus(SimulatedSku sku, string? campaignId, CampaignStatus status)
    {
        if (campaignId is not null)
        {
            return WithCampaign(campaignId, c => c.Status = status);
        }

        var covering = _campaigns.Where(c => c.Skus.Contains(sku.Id, StringComparer.Ordinal)).ToList();
        if (covering.Count == 0)
        {
            return $"No ad campaign covers SKU '{sku.Id}'.";
        }

        covering.ForEach(c => c.Status = status);
        return null;
    }

    // A cancelled coupon ends before the next simulated day: that day reports it as ended, and no buyer gets its discount.
    private string? Cancel(SimulatedSku sku, string couponId)
    {
        var index = _coupons.FindIndex(c => c.Id == couponId);
        if (index < 0)
        {
            return $"Unknown coupon '{couponId}'.";
        }

        var coupon = _coupons[index];
        if (coupon.Sku != sku.Id)
        {
            return $"Coupon '{couponId}' is for SKU '{coupon.Sku}', not '{sku.Id}'.";
        }

        _coupons[index] = coupon with { UntilDay = Math.Clamp(DayIndex, coupon.FromDay, coupon.UntilDay) };
        return null;
    }

    private string? WithCampaign(string campaignId, Action<SimulatedCampaign> change)
    {
        var campaign = _campaigns.Find(c => c.Id == campaignId);
        if (campaign is null)
        {
            return $"Unknown campaign '{campaignId}'.";
        }

        change(campaign);
        return null;
    }

    private static string? Do(Action change)
    {
        change();
        return null;
    }
}
