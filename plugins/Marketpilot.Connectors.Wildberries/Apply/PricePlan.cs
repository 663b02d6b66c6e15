using System.Globalization;
using Marketpilot.Connectors.Wildberries.Wire;

namespace Marketpilot.Connectors.Wildberries.Apply;

/// <summary>
/// Turns a new selling price into what WB takes: a whole-rouble base price with the seller's current discount kept, so
/// that price × (1 − discount/100) is the lowest such price at or above the one asked for. Mirrors WB's brakes first.
/// </summary>
internal static class PricePlan
{
    /// <summary>What to do with one price change.</summary>
    /// <param name="Upload">The item to upload; <see langword="null"/> when nothing is to be sent.</param>
    /// <param name="Rejection">Why it is refused, when it is.</param>
    /// <param name="Note">What the seller should know about an applied change (the price was rounded, it was already set).</param>
    /// <param name="SellingPrice">The selling price WB will show once applied.</param>
    public readonly record struct Decision(PriceUploadItem? Upload, string? Rejection, string? Note, decimal SellingPrice);

    public static Decision Decide(long nmId, decimal requested, Goods current)
    {
        if (requested <= 0)
        {
            return new(null, $"The price {Money(requested)} is not positive.", null, 0);
        }

        // WB's whole-item upload cannot express prices that differ per size; the cabinet or the size upload sets those.
        if (current.EditableSizePrice)
        {
            return new(null, $"Item {nmId} has a price per size on Wildberries; the connector sets one price per item and does not overwrite them.", null, 0);
        }

        var discount = current.Discount;
        if (discount is < 0 or > 99)
        {
            return new(null, $"Item {nmId} has a {discount}% discount, which leaves no price to set.", null, 0);
        }

        var size = current.Sizes![0];
        var basePrice = (long)Math.Ceiling(requested * 100m / (100 - discount));
        var selling = basePrice * (100 - discount) / 100m;
        var currentSelling = size.DiscountedPrice;

        // WB's quarantine: a new price at least 3 times below the old one is not applied and the item keeps selling at the old price.
        if (selling * 3 <= currentSelling)
        {
            return new(null,
                $"Wildberries would quarantine item {nmId}: the new price {Money(selling)} is 3 or more times below the current {Money(currentSelling)}, so WB would keep selling at the old price. Lower it in smaller steps, or release it in the seller cabinet.",
                null, selling);
        }

        var note = selling == requested ? null
            : discount == 0
                ? $"Wildberries takes whole roubles: {Money(requested)} was rounded up to {Money(selling)}."
                : $"Wildberries takes a whole-rouble price and keeps the {discount}% discount: {Money(requested)} became {basePrice} − {discount}% = {Money(selling)}, the nearest price at or above it.";
        return basePrice == size.Price
            ? new(null, null, note is null ? "The price was already set." : note + " That price was already set.", selling)
            : new(new PriceUploadItem(nmId, basePrice, discount), null, note, selling);
    }

    private static string Money(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
