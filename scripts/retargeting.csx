#load "ide/globals.csx" // editor support only; the host skips this line
// @triggers: event(view-without-purchase, 24h)
// Retargeting: a shopper viewed the card and did not order within 24 hours. Offers a 10% coupon for
// two days and asks the push channel to remind that shopper of it. Only for SKUs with stock to sell
// and a margin that survives the discount (at least 15% after it), and once a week per SKU at most, so
// shoppers are not taught to wait for a coupon.
if (Event is { ShopperId: { } shopper } && Sku.Stock > 0 && Sku.Cost > 0 && !IsCoolingDown(TimeSpan.FromDays(7)))
{
    var discounted = Sku.Price * 0.90m;
    if ((discounted - Sku.Cost) / discounted >= 0.15m)
    {
        CreateCoupon(0.10m, TimeSpan.FromDays(2), $"shopper {shopper} viewed on {Event.OccurredAt:yyyy-MM-dd HH:mm} and did not order in 24 h");
        Notify("push", $"{Sku.Key}: 10% coupon for shopper {shopper}, valid 2 days");
    }
}
