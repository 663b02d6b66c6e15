#load "ide/globals.csx" // editor support only; the host skips this line
// Returns alert: more than 5% of the last 30 days' orders came back (needs 20 orders).
// Tells a manager, at most once a week per SKU.
if (Month.Orders >= 20 && Month.ReturnRate > 0.05 && !IsCoolingDown(TimeSpan.FromDays(7)))
{
    Notify("manager", $"{Sku.Key}: return rate {Month.ReturnRate:0.0%} ({Month.Returns} of {Month.Orders} orders in 30 days)");
}
