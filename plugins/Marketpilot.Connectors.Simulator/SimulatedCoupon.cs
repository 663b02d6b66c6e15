namespace Marketpilot.Connectors.Simulator;

/// <summary>A coupon for one SKU, valid from day <see cref="FromDay"/> up to, not including, <see cref="UntilDay"/>.</summary>
internal sealed record SimulatedCoupon(string Id, string Sku, decimal Discount, int FromDay, int UntilDay)
{
    public bool IsActiveOn(int day) => day >= FromDay && day < UntilDay;
}
