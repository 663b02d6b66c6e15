#load "ide/globals.csx" // editor support only; the host skips this line
// @triggers: cron(0 19 * * *)
// High margin, low conversion: at 19:00 in the shop's time zone, when evening traffic peaks, a SKU
// with a margin of at least 35% that converts under 2% of at least 150 clicks over 7 days gets a 7%
// coupon for the evening (4 hours). The margin pays for the discount; the evening's shoppers see it.
// At most once every 3 days per SKU, and never for a SKU with nothing in stock.
const decimal MarginAtLeast = 0.35m;
const double ConversionUnder = 0.02;

if (Sku.Margin >= MarginAtLeast && Sku.Stock > 0 && Week.Clicks >= 150 && Week.Conversion < ConversionUnder && !IsCoolingDown(TimeSpan.FromDays(3)))
{
    CreateCoupon(0.07m, TimeSpan.FromHours(4), $"margin {Sku.Margin:0%} with conversion {Week.Conversion:0.0%} over {Week.Clicks} clicks in 7 days");
}
