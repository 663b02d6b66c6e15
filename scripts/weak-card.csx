#load "ide/globals.csx" // editor support only; the host skips this line
// Weak card: shoppers open the card (CTR over 1.5%) but rarely buy (conversion under 1%) this week.
// Offers a 10% coupon for 72 hours. Needs 100 clicks in the week; fires at most once per 72 hours.
var couponLife = TimeSpan.FromHours(72);

if (Week.Clicks >= 100 && Week.Conversion < 0.01 && Week.Ctr > 0.015 && !IsCoolingDown(couponLife))
{
    CreateCoupon(0.10m, couponLife, $"conversion {Week.Conversion:0.0%} with CTR {Week.Ctr:0.0%} over 7 days");
}
