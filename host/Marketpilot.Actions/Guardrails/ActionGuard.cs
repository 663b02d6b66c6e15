using System.Globalization;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Actions.Guardrails;

/// <summary>
/// Decides whether one action may go ahead on one SKU: the per-action and per-SKU-per-day guardrails (the per-rule
/// daily cap is counted across SKUs by <see cref="IRuleQuotaGrain"/>). Pure: it reads the SKU and the day, and
/// <see cref="Approve"/> records an approval in the day.
/// </summary>
/// <remarks>An action the guardrails could make safe is never rewritten: it is refused with the limit and the requested value.</remarks>
public static class ActionGuard
{
    /// <summary>Checks <paramref name="action"/> against <paramref name="limits"/>.</summary>
    /// <param name="action">The proposed action.</param>
    /// <param name="sku">The SKU's latest snapshot.</param>
    /// <param name="limits">The shop's guardrails, tightened by the rule's header.</param>
    /// <param name="day">What the SKU had approved today.</param>
    /// <returns>The guardrail that refuses it and a sentence saying why; <see langword="null"/> when it may go ahead.</returns>
    public static (GuardrailRejection Rejection, string Reason)? Check(RuleAction action, SkuSnapshot sku, GuardrailSettings limits, SkuActionDay day)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(day);

        return action switch
        {
            SetPrice price => CheckPrice(price.Price, sku, limits, day),
            CreateCoupon coupon => CheckCoupon(coupon.Discount, sku, limits, day),
            _ => null,
        };
    }

    /// <summary>Records an approved action in the day: its id, the price it sets, the coupon it creates.</summary>
    /// <param name="actionId">The action's id.</param>
    /// <param name="action">The action.</param>
    /// <param name="sku">The SKU's latest snapshot.</param>
    /// <param name="day">The day to record it in.</param>
    public static void Approve(string actionId, RuleAction action, SkuSnapshot sku, SkuActionDay day)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentNullException.ThrowIfNull(day);
        day.ActionIds.Add(actionId);
        switch (action)
        {
            case SetPrice price:
                day.OpeningPrice ??= sku.Price;
                day.Price = price.Price;
                break;
            case CreateCoupon:
                day.Coupons++;
                break;
        }
    }

    /// <summary>The price floor of <paramref name="sku"/>: cost / (1 − minMargin); <see langword="null"/> while the cost is 0 (unknown).</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="minMargin">The minimum margin, a fraction below 1.</param>
    /// <returns>The floor, rounded up to the cent.</returns>
    public static decimal? Floor(SkuSnapshot sku, decimal minMargin)
    {
        ArgumentNullException.ThrowIfNull(sku);
        return sku.Cost > 0 ? Math.Ceiling(sku.Cost / (1 - minMargin) * 100) / 100 : null;
    }

    private static (GuardrailRejection, string)? CheckPrice(decimal price, SkuSnapshot sku, GuardrailSettings limits, SkuActionDay day)
    {
        if (price <= 0)
        {
            return (new("positivePrice", 0, price), $"a price must be greater than 0; the action asks for {Money(price)}");
        }

        if (sku.MinPrice is { } marketplaceMin && price < marketplaceMin)
        {
            return (new("marketplaceMinPrice", marketplaceMin, price), $"{Money(price)} is below the marketplace's minimum price {Money(marketplaceMin)}");
        }

        if (Floor(sku, limits.MinMargin) is { } floor && price < floor)
        {
            return (new("minMargin", floor, price),
                $"{Money(price)} is below the floor {Money(floor)} (cost {Money(sku.Cost)} at a minimum margin of {Percent(limits.MinMargin)})");
        }

        var current = day.Price ?? sku.Price;
        if (current > 0 && Change(price, current) is var change && change > limits.MaxPriceChangePerAction)
        {
            return (new("maxPriceChangePerAction", limits.MaxPriceChangePerAction, change),
                $"{Money(current)} → {Money(price)} changes the price by {Percent(change)}, more than the {Percent(limits.MaxPriceChangePerAction)} one action may");
        }

        var opening = day.OpeningPrice ?? sku.Price;
        if (opening > 0 && Change(price, opening) is var dayChange && dayChange > limits.MaxPriceChangePerDay)
        {
            return (new("maxPriceChangePerDay", limits.MaxPriceChangePerDay, dayChange),
                $"{Money(price)} is {Percent(dayChange)} away from the day's opening price {Money(opening)}, more than the {Percent(limits.MaxPriceChangePerDay)} a day may");
        }

        return null;
    }

    private static (GuardrailRejection, string)? CheckCoupon(decimal discount, SkuSnapshot sku, GuardrailSettings limits, SkuActionDay day)
    {
        if (discount > limits.MaxCouponDiscount)
        {
            return (new("maxCouponDiscount", limits.MaxCouponDiscount, discount),
                $"a {Percent(discount)} coupon is more than the {Percent(limits.MaxCouponDiscount)} allowed");
        }

        if (day.Coupons >= limits.MaxCouponsPerSkuPerDay)
        {
            return (new("maxCouponsPerSkuPerDay", limits.MaxCouponsPerSkuPerDay, day.Coupons + 1),
                $"the SKU already got {day.Coupons} coupons today; at most {limits.MaxCouponsPerSkuPerDay} a day");
        }

        var price = day.Price ?? sku.Price;
        var effective = Math.Round(price * (1 - discount), 2);
        if (Floor(sku, limits.MinMargin) is { } floor && effective < floor)
        {
            return (new("minMargin", floor, effective),
                $"with a {Percent(discount)} coupon the price is {Money(effective)}, below the floor {Money(floor)} (cost {Money(sku.Cost)} at a minimum margin of {Percent(limits.MinMargin)})");
        }

        return null;
    }

    private static decimal Change(decimal to, decimal from) => Math.Round(Math.Abs(to - from) / from, 4);

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(decimal fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
