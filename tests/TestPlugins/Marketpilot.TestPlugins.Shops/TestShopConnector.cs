using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.TestPlugins.Shops;

/// <summary>
/// One shop's connector. Pulls <c>Settings:SkuCount</c> SKUs (default 3) for <c>Settings:Date</c> with 5 orders each and
/// no other metric (it pulls orders only), stamped with <c>Settings:StampShopId</c> when set (a misbehaving connector);
/// each costs 500, or the number in <c>Settings:CostFile</c> while that file exists.
/// Builds an XML feed of the offers it is given, at most as many as the number in <c>Settings:FeedLimitFile</c> when
/// that file exists, and fails while <c>Settings:FeedFailFile</c> exists. Appends each delivered feed's version to
/// <c>delivered.txt</c> and each applied action to <c>applied.txt</c> in its state folder. While <c>Settings:LeakFile</c>
/// exists, pull throws and apply refuses with its API key in the message (a careless plugin). With
/// <c>Settings:RepeatCursor</c> set, every page says there is more from that same cursor (a marketplace whose page cursor
/// never moves on), and each pull appends its cursor to <c>pulls.txt</c>. While <c>Settings:RateLimitedFile</c> exists, pull
/// and apply throw <see cref="MarketplaceRateLimitedException"/> asking to wait the number of seconds in that file. While
/// <c>Settings:TitleFile</c> exists, its text is the title of <c>sku-1</c> (what a seller typed in the cabinet).
/// </summary>
public sealed class TestShopConnector(ShopConnection shop) : IMarketplaceConnector, IOfferFeedSource
{
    private int _builds;

    /// <inheritdoc />
    public string Marketplace => TestShopFactory.MarketplaceId;

    /// <inheritdoc />
    public ConnectorCapabilities Capabilities { get; } = new()
    {
        ActionKinds = [ActionKind.SetPrice],
        CanPullCatalog = true,
        CanPullMetrics = true,
        PulledMetrics = MetricKinds.Orders,
        UnsupportedReasons = new Dictionary<ActionKind, string> { [ActionKind.RemoveFromPromo] = "testshop has no way to take an item out of a promotion" },
    };

    /// <inheritdoc />
    public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken)
    {
        ThrowIfRateLimited();
        if (Leaking)
        {
            throw new InvalidOperationException("pull refused", new HttpRequestException($"401 Unauthorized for api key {shop.Credentials["ApiKey"]}"));
        }

        var count = int.Parse(shop.Settings["SkuCount"] ?? "3", CultureInfo.InvariantCulture);
        var date = shop.Settings["Date"] is { } day ? DateOnly.Parse(day, CultureInfo.InvariantCulture) : (DateOnly?)null;
        var shopId = shop.Settings["StampShopId"] ?? shop.ShopId;
        var cost = shop.Settings["CostFile"] is { } costFile && File.Exists(costFile) ? decimal.Parse(File.ReadAllText(costFile).Trim(), CultureInfo.InvariantCulture) : 500m;
        var skus = Enumerable.Range(1, count).Select(i => new SkuSnapshot
        {
            Marketplace = Marketplace,
            ShopId = shopId,
            Sku = $"sku-{i}",
            Title = i == 1 && shop.Settings["TitleFile"] is { } titleFile && File.Exists(titleFile) ? File.ReadAllText(titleFile) : $"Item {i}",
            Price = 1000 + i,
            Cost = cost,
            Stock = 10,
            Orders = 5,
            Date = date,
        }).ToList();
        if (shop.Settings["RepeatCursor"] is { } repeated)
        {
            File.AppendAllLines(Path.Combine(shop.StateDirectory, "pulls.txt"), [cursor ?? "(start)"]);
            return Task.FromResult(new CatalogPage(skus, [], repeated, HasMore: true));
        }

        var pulls = (cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture)) + 1;
        return Task.FromResult(new CatalogPage(skus, [], pulls.ToString(CultureInfo.InvariantCulture), false));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken)
    {
        ThrowIfRateLimited();
        if (Leaking)
        {
            return Task.FromResult<IReadOnlyList<ActionResult>>([.. actions.Select(a => new ActionResult(a.IdempotencyKey, ActionResultStatus.Rejected, $"key {shop.Credentials["ApiKey"]} may not change prices"))]);
        }

        File.AppendAllLines(Path.Combine(shop.StateDirectory, "applied.txt"), actions.Select(a => $"{a.IdempotencyKey} {a.Sku}"));
        return Task.FromResult<IReadOnlyList<ActionResult>>([.. actions.Select(a => new ActionResult(a.IdempotencyKey, ActionResultStatus.Applied))]);
    }

    private bool Leaking => shop.Settings["LeakFile"] is { } leak && File.Exists(leak);

    private void ThrowIfRateLimited()
    {
        if (shop.Settings["RateLimitedFile"] is { } limited && File.Exists(limited))
        {
            var wait = TimeSpan.FromSeconds(double.Parse(File.ReadAllText(limited).Trim(), CultureInfo.InvariantCulture));
            throw new MarketplaceRateLimitedException($"testshop answered 429 and asked to wait {wait.TotalSeconds:0} s", wait);
        }
    }

    /// <inheritdoc />
    public Task<OfferFeed> BuildFeedAsync(IReadOnlyList<SkuSnapshot> offers, CancellationToken cancellationToken)
    {
        if (shop.Settings["FeedFailFile"] is { } fail && File.Exists(fail))
        {
            throw new InvalidOperationException("the feed cannot be built right now");
        }

        var listed = shop.Settings["FeedLimitFile"] is { } limitFile && File.Exists(limitFile)
            ? offers.Take(int.Parse(File.ReadAllText(limitFile).Trim(), CultureInfo.InvariantCulture)).ToList()
            : offers;
        var document = new XElement(
            "offers",
            new XAttribute("shop", shop.ShopId),
            listed.OrderBy(o => o.Sku, StringComparer.Ordinal).Select(o => new XElement("offer", new XAttribute("sku", o.Sku), new XElement("price", o.Price.ToString(CultureInfo.InvariantCulture)))));
        var version = $"build-{Interlocked.Increment(ref _builds)}";
        return Task.FromResult(new OfferFeed("application/xml; charset=utf-8", Encoding.UTF8.GetBytes(document.ToString()), listed.Count, version));
    }

    /// <inheritdoc />
    public Task FeedDeliveredAsync(OfferFeed feed, CancellationToken cancellationToken)
    {
        File.AppendAllLines(Path.Combine(shop.StateDirectory, "delivered.txt"), [feed.Version]);
        return Task.CompletedTask;
    }
}
