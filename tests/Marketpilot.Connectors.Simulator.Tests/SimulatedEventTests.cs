using Marketpilot.Connectors.Simulator.Tests.Support;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Events;
using Microsoft.Extensions.Time.Testing;

namespace Marketpilot.Connectors.Simulator.Tests;

/// <summary>Each simulated day's page carries the events its numbers imply, with stable ids.</summary>
public sealed class SimulatedEventTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task OrdersReturnsAndStockOutsMatchTheDaysNumbers()
    {
        var pages = await PullDaysAsync(days: 20);

        foreach (var page in pages)
        {
            foreach (var sku in page.Skus)
            {
                var of = page.Events.Where(e => e.Sku == sku.Key).ToList();
                Assert.Equal(sku.Orders, of.Where(e => e.Kind == MarketplaceEventKind.OrderPlaced).Sum(e => (long)e.Quantity));
                Assert.Equal(sku.Returns, of.Where(e => e.Kind == MarketplaceEventKind.Return).Sum(e => (long)e.Quantity));
                Assert.Equal(sku.Stock == 0 && sku.Orders > 0, of.Any(e => e.Kind == MarketplaceEventKind.StockOut));
                Assert.Equal(sku.Clicks > sku.Orders, of.Any(e => e.Kind == MarketplaceEventKind.View && e.ShopperId is not null));
                Assert.All(of, e => Assert.Equal(sku.Date, DateOnly.FromDateTime(e.OccurredAt.UtcDateTime)));
            }
        }

        Assert.Contains(pages.SelectMany(p => p.Events), e => e.Kind == MarketplaceEventKind.Return);
    }

    [Fact]
    public async Task EveryAdCampaignReportsItsStatisticsDaily()
    {
        var page = (await PullDaysAsync(days: 1))[0];

        var ads = page.Campaigns.Where(c => c.Kind == CampaignKind.Ad).Select(c => c.Key).ToHashSet();
        Assert.NotEmpty(ads);
        Assert.Equal(ads, page.Events.Where(e => e.Kind == MarketplaceEventKind.CampaignStatsUpdated).Select(e => e.Campaign!.Value).ToHashSet());
    }

    [Fact]
    public async Task SomeViewersOrderTheSameDayAndMostDoNot()
    {
        var events = (await PullDaysAsync(days: 20)).SelectMany(p => p.Events).ToList();

        var views = events.Where(e => e.Kind == MarketplaceEventKind.View).ToList();
        var followed = views.Count(v => events.Any(o => o.Kind == MarketplaceEventKind.OrderPlaced && o.Sku == v.Sku && o.ShopperId == v.ShopperId && o.OccurredAt >= v.OccurredAt && o.OccurredAt - v.OccurredAt < TimeSpan.FromHours(24)));
        Assert.InRange(followed, 1, views.Count / 2);
    }

    [Fact]
    public async Task ADayPulledAgainRepeatsItsEventsExactly()
    {
        var connector = new SimulatorConnector(Some.Options(skuCount: 10, backfillDays: 3), _time);
        var first = await connector.PullAsync("1", CancellationToken.None);
        var again = await connector.PullAsync("1", CancellationToken.None);

        Assert.NotEmpty(first.Events);
        Assert.Equal(first.Events, again.Events);
        Assert.Equal(first.Events.Count, first.Events.Select(e => e.Id).Distinct().Count());
    }

    private async Task<List<CatalogPage>> PullDaysAsync(int days)
    {
        var connector = new SimulatorConnector(Some.Options(skuCount: 30, backfillDays: days), _time);
        var pages = new List<CatalogPage>();
        string? cursor = null;
        for (var i = 0; i < days; i++)
        {
            var page = await connector.PullAsync(cursor, CancellationToken.None);
            pages.Add(page);
            cursor = page.NextCursor;
        }

        return pages;
    }
}
