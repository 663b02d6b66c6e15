using Marketpilot.Emulators.Kaspi;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Kaspi.Tests.Support;

/// <summary>Test data: orders for the emulator, snapshots the host would hold, price actions.</summary>
public static class Some
{
    public const string ShopId = "kz-main";

    /// <summary>The tests' now: 14:00 in Almaty on 4 December 2026.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static int _orders;

    public static KaspiEmulatorOrder Order(string sku, DateTimeOffset createdAt, int quantity = 1, decimal price = 1000m, string state = "ARCHIVE", string status = "COMPLETED")
    {
        var n = Interlocked.Increment(ref _orders);
        return new KaspiEmulatorOrder($"T3JkZXI{n:D6}", (500_000_000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture), createdAt, state, status,
            [new KaspiEmulatorEntry(sku, $"Product {sku}", quantity, price)]);
    }

    /// <summary>One order of one unit per SKU, created <paramref name="daysAgo"/> days before <see cref="Now"/>.</summary>
    public static IEnumerable<KaspiEmulatorOrder> OneOrderEach(IEnumerable<string> skus, int daysAgo = 0) =>
        skus.Select(s => Order(s, Now.AddDays(-daysAgo).AddMinutes(-30)));

    public static IReadOnlyList<string> Skus(int count, string prefix = "SKU") => [.. Enumerable.Range(1, count).Select(i => $"{prefix}-{i:D4}")];

    public static SkuSnapshot Offer(string sku, decimal price = 1000m, int stock = 5, string? title = null, string shopId = ShopId) => new()
    {
        Marketplace = Marketplaces.Kaspi,
        ShopId = shopId,
        Sku = sku,
        Title = title ?? $"Product {sku}",
        Price = price,
        Stock = stock,
        Date = DateOnly.FromDateTime(Now.UtcDateTime),
    };

    public static ActionRequest SetPrice(string sku, decimal price, string? key = null) =>
        new(key ?? $"action-{Guid.NewGuid():N}", new SkuKey(Marketplaces.Kaspi, ShopId, sku), new SetPrice(price));
}
