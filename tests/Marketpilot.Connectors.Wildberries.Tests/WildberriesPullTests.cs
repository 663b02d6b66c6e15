using Marketpilot.Connectors.Wildberries.Tests.Support;
using Marketpilot.Emulators.Wildberries;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Wildberries.Tests;

public sealed class WildberriesPullTests
{
    [Fact]
    public async Task ASweepOverManyPagesReturnsEveryCardOnceAndEndsWithoutACursor()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 1050);
        var connector = shop.Connector();

        var pages = await PullAllAsync(connector);

        Assert.Equal(11, pages.Count);
        Assert.Equal(1050, pages.SelectMany(p => p.Skus).Select(s => s.Sku).Distinct().Count());
        Assert.Equal(1050, pages.Sum(p => p.Skus.Count));
        Assert.All(pages[..^1], p => Assert.True(p.HasMore));
        Assert.False(pages[^1].HasMore);
        Assert.Null(pages[^1].NextCursor);
        Assert.NotEmpty(pages[0].Campaigns);
        Assert.All(pages.Skip(1), p => Assert.Empty(p.Campaigns));
    }

    [Fact]
    public async Task ASnapshotCarriesTheSellingPriceTheFunnelStockReturnsAndPromotions()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        var connector = shop.Connector();

        var page = await connector.PullAsync(null, CancellationToken.None);

        var first = page.Skus.Single(s => s.Sku == "100001");
        Assert.Equal(800m, first.Price);
        Assert.Equal(100, first.Clicks);
        Assert.Equal(0, first.Impressions);
        Assert.Equal(10, first.AddToCart);
        Assert.Equal(3, first.Orders);
        Assert.Equal(1, first.Returns);
        Assert.Equal(1.0, first.AvgDailyDemand);
        Assert.Equal(["promotion-501"], first.Promotions);
        Assert.Equal(1010m, page.Skus.Single(s => s.Sku == "100002").Price);
        Assert.Equal(1 + 1, page.Skus.Single(s => s.Sku == "100002").Stock);
    }

    [Fact]
    public async Task CampaignsCarryAdsWithTheirStatusBidAndStatsAndPromotionsWithTheirMembers()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        var connector = shop.Connector();

        var page = await connector.PullAsync(null, CancellationToken.None);

        var ad = page.Campaigns.Single(c => c.CampaignId == "701");
        Assert.Equal((CampaignKind.Ad, CampaignStatus.Active, 2.50m), (ad.Kind, ad.Status, ad.Bid));
        Assert.Equal((1701L, 1326.50m, 4901m), (ad.Impressions, ad.Spend, ad.Revenue));
        Assert.Equal(["100001", "100002", "100003"], ad.Skus);
        Assert.Equal(CampaignStatus.Ended, page.Campaigns.Single(c => c.CampaignId == "703").Status);
        var sale = page.Campaigns.Single(c => c.CampaignId == "promotion-501");
        Assert.Equal((CampaignKind.Promotion, CampaignStatus.Active, 10), (sale.Kind, sale.Status, sale.Skus.Count));
        Assert.Equal(CampaignStatus.Paused, page.Campaigns.Single(c => c.CampaignId == "promotion-503").Status);
    }

    [Fact]
    public async Task ACursorStaysValidForAConnectorCreatedAfterARestart()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 250);
        var first = await shop.Connector().PullAsync(null, CancellationToken.None);

        var second = await shop.Connector().PullAsync(first.NextCursor, CancellationToken.None);

        Assert.Equal(100, second.Skus.Count);
        Assert.Equal("100101", second.Skus[0].Sku);
        Assert.Empty(first.Skus.Select(s => s.Sku).Intersect(second.Skus.Select(s => s.Sku)));
    }

    [Fact]
    public async Task ACursorFromAnotherConnectorIsRefusedNamingIt()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 5);
        var connector = shop.Connector();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => connector.PullAsync("offset=200", CancellationToken.None));

        Assert.Contains("'offset=200' is not a Wildberries cursor", error.Message);
    }

    [Fact]
    public async Task AnOverviewNeedingMoreCalendarRequestsThanOneCallMayWaitForIsBuiltOverTwoCallsReadingEachPromotionOnce()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 5);
        for (var id = 600; id < 630; id++)
        {
            shop.Emulator.Promotions[id] = new EmulatedPromotion { Id = id, Name = $"Акция {id}", Type = "regular", Start = DateTimeOffset.UtcNow.AddDays(-1), End = DateTimeOffset.UtcNow.AddDays(5) };
        }

        var connector = shop.Connector(rateLimitTimeScale: 1);

        var first = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => connector.PullAsync(null, CancellationToken.None));
        var page = await connector.PullAsync(null, CancellationToken.None);

        Assert.Contains("(Calendar quota): the connector's own pacing", first.Message, StringComparison.Ordinal);
        Assert.Equal(5, page.Skus.Count);
        Assert.Equal(32, shop.Emulator.Requests.Count(r => r == "GET /api/v1/calendar/promotions/nomenclatures"));
    }

    [Fact]
    public async Task CampaignStatisticsOfMoreChunksThanOneCallMayWaitForAreReadOnAfterTheWaitEachChunkOnce()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 5);
        for (var id = 800; id < 850; id++)
        {
            shop.Emulator.Adverts[id] = new EmulatedAdvert { Id = id, Name = $"Кампания {id}", BidType = "unified", Status = 9 };
        }

        // 54 campaigns with statistics: two requests, at one a 12 s here (WB's 20 s, scaled), more than a call waits.
        var connector = shop.Connector(rateLimitTimeScale: 0.6);

        var first = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => connector.PullAsync(null, CancellationToken.None));
        await Task.Delay(first.RetryAfter);
        var page = await connector.PullAsync(null, CancellationToken.None);

        Assert.Contains("(AdvertStats quota): the connector's own pacing", first.Message, StringComparison.Ordinal);
        Assert.Equal(5, page.Skus.Count);
        Assert.Equal(2, shop.Emulator.Requests.Count(r => r == "GET /adv/v3/fullstats"));
    }

    private static async Task<List<CatalogPage>> PullAllAsync(IMarketplaceConnector connector)
    {
        var pages = new List<CatalogPage>();
        string? cursor = null;
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
