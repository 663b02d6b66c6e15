using Marketpilot.Connectors.Ozon.Tests.Support;
using Marketpilot.Emulators.Ozon;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Ozon.Tests;

public sealed class OzonPullTests() : OzonShopTests(products: 2500)
{
    [Fact]
    public async Task PaginationReadsEveryProductOnceOverManyPages()
    {
        var connector = Shop.Connector();

        var pages = await PullAllAsync(connector, null);

        Assert.Equal(3, pages.Count);
        var skus = pages.SelectMany(p => p.Skus).ToList();
        Assert.Equal(2500, skus.Count);
        Assert.Equal(2500, skus.Select(s => s.Sku).Distinct().Count());
        Assert.Equal(PullCursorNextCycle, pages[^1].NextCursor);
    }

    [Fact]
    public async Task ASnapshotCarriesTheProductsCatalogPricesStockMetricsAndPromotions()
    {
        var page = await Shop.Connector().PullAsync(null, CancellationToken.None);

        var sku = page.Skus.Single(s => s.Sku == OzonEmulator.OfferId(12));
        var product = Shop.Emulator.Product(OzonEmulator.OfferId(12));
        Assert.Equal(("ozon", OzonTestShop.ShopId), (sku.Marketplace, sku.ShopId));
        Assert.Equal((product.Name, product.Price, product.NetPrice, product.MinPrice), (sku.Title, sku.Price, sku.Cost, sku.MinPrice));
        Assert.Equal(product.Present - product.Reserved, sku.Stock);
        Assert.Equal((product.Metrics.Views, product.Metrics.ToCart, product.Metrics.Orders, product.Metrics.Returns), (sku.Impressions, sku.AddToCart, sku.Orders, sku.Returns));
        Assert.Equal(0, sku.Clicks);
        Assert.Equal([OzonEmulator.FrozenPromotionId.ToString(System.Globalization.CultureInfo.InvariantCulture)], sku.Promotions);
        Assert.Equal(new DateOnly(2026, 12, 4), sku.Date);
    }

    [Fact]
    public async Task TheFirstPageCarriesTheAdCampaignsWithTheirSkusBudgetsAndStatistics()
    {
        var page = await Shop.Connector().PullAsync(null, CancellationToken.None);

        var running = page.Campaigns.Single(c => c.CampaignId == OzonEmulator.RunningCampaignId);
        var inactive = page.Campaigns.Single(c => c.CampaignId == OzonEmulator.InactiveCampaignId);
        Assert.Equal((CampaignKind.Ad, CampaignStatus.Active, 2000m, 25m), (running.Kind, running.Status, running.Budget, running.Bid));
        Assert.Equal(20, running.Skus.Count);
        Assert.Contains(OzonEmulator.OfferId(1), running.Skus);
        Assert.Equal((20 * 1200L, 20 * 35L, 20 * 3L, 20 * 434m, 20 * 5970m), (running.Impressions, running.Clicks, running.Orders, running.Spend, running.Revenue));
        Assert.Equal((CampaignStatus.Paused, 500m), (inactive.Status, inactive.Budget));
    }

    [Fact]
    public async Task WithoutAdsNoCampaignIsPulledAndThePerformanceApiIsNeverCalled()
    {
        var page = await Shop.Connector(ads: false).PullAsync(null, CancellationToken.None);

        Assert.Empty(page.Campaigns);
        Assert.DoesNotContain(Shop.Emulator.Requests.Keys, path => path.StartsWith("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithPullMetricsOffTheAnalyticsApiIsNotCalledAndNoMetricIsReported()
    {
        using var connector = (OzonConnector)new OzonConnectorFactory(Shop.Time).Create(Shop.Connection(edit: v => v["Settings:PullMetrics"] = "false"));

        var page = await connector.PullAsync(null, CancellationToken.None);

        Assert.False(connector.Capabilities.CanPullMetrics);
        Assert.All(page.Skus, s => Assert.Equal(0, s.Impressions + s.AddToCart + s.Orders + s.Returns));
        Assert.False(Shop.Emulator.Requests.ContainsKey("/v1/analytics/data"));
    }

    [Fact]
    public async Task ACursorStaysValidAcrossARestart()
    {
        var first = await Shop.Connector().PullAsync(null, CancellationToken.None);

        var second = await Shop.Connector().PullAsync(first.NextCursor, CancellationToken.None);

        Assert.True(first.HasMore);
        Assert.Equal(OzonEmulator.OfferId(1001), second.Skus[0].Sku);
        Assert.Empty(second.Campaigns);
    }

    [Fact]
    public async Task ACursorThisConnectorDidNotWriteIsAClearError()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Shop.Connector().PullAsync("garbage", CancellationToken.None));

        Assert.Contains("not one the Ozon connector wrote", error.Message, StringComparison.Ordinal);
    }

    private const string PullCursorNextCycle = "ozon1|next|";

    private static async Task<List<CatalogPage>> PullAllAsync(IMarketplaceConnector connector, string? cursor)
    {
        var pages = new List<CatalogPage>();
        do
        {
            var page = await connector.PullAsync(cursor, CancellationToken.None);
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (pages[^1].HasMore);
        return pages;
    }
}
