#load "ide/globals.csx" // editor support only; the host skips this line
// My rule: a SKU with stock left but no order in the last 7 days gets a 5% coupon for 48 hours,
// at most once a week. Check it with `marketpilot rules check my-rule.csx`, try it on the fixture with
// `marketpilot rules test my-rule.csx --input fixtures/my-rule/no-orders.json`.
if (Sku.Stock > 0 && Week.Clicks >= 50 && Week.Orders == 0 && !IsCoolingDown(TimeSpan.FromDays(7)))
{
    CreateCoupon(0.05m, TimeSpan.FromHours(48), $"{Week.Clicks} clicks and no order in 7 days");
}
