#load "ide/globals.csx" // editor support only; the host skips this line
// Conversion drop: under 1.5% over 7 days with at least 100 clicks.
// Pauses the SKU's ads and tells a manager. Leaves new items (listed under 30 days ago) alone and
// stays quiet for 7 days after firing.
if (Week.Clicks >= 100 && Week.Conversion < 0.015 && !IsNewItem() && !IsCoolingDown(TimeSpan.FromDays(7)))
{
    var reason = $"conversion {Week.Conversion:0.0%} over {Week.Clicks} clicks in 7 days";
    PauseAds(reason: reason);
    Notify("manager", $"{Sku.Key}: {reason}; ads paused");
}
