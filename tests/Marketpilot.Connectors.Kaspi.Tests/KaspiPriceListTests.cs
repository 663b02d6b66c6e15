using System.Text;
using Marketpilot.Connectors.Kaspi.Tests.Support;
using Marketpilot.Emulators.Kaspi;

namespace Marketpilot.Connectors.Kaspi.Tests;

public sealed class KaspiPriceListTests : IAsyncLifetime
{
    private FeedShop _feed = null!;

    public async Task InitializeAsync() => _feed = await FeedShop.StartAsync([]);

    public async Task DisposeAsync() => await _feed.DisposeAsync();

    [Fact]
    public async Task TheBuiltListFollowsKaspisSchemaWithEveryOfferItsStockAndOnePrice()
    {
        _feed.Offers["A"] = Some.Offer("A", 4990m, stock: 12, title: "Kettle & cup <steel>");
        _feed.Offers["B"] = Some.Offer("B", 15000m, stock: 0);

        var list = await _feed.Shop.Emulator.FetchPriceListAsync(_feed.Server.FeedUrl);

        Assert.Equal(("Marketpilot Test LLP", "30322748"), (list.Company, list.MerchantId));
        Assert.Equal(TimeSpan.FromHours(5), list.Date.Offset);
        var a = list.Offers["A"];
        Assert.Equal(("Kettle & cup <steel>", 4990m), (a.Model, a.Price!.Value));
        Assert.Empty(a.CityPrices);
        Assert.Equal([new KaspiAvailability("PP1", true, 12, null), new KaspiAvailability("PP2", true, null, null)], a.Availabilities);
        Assert.Equal([false, false], list.Offers["B"].Availabilities.Select(x => x.Available));
    }

    [Fact]
    public async Task WithCityIdsEveryOfferCarriesCityPricesInsteadOfOnePrice()
    {
        _feed.Shop.Settings["CityIds"] = "750000000, 710000000";
        _feed.Restart();
        _feed.Offers["A"] = Some.Offer("A", 4990m);

        var offer = (await _feed.Shop.Emulator.FetchPriceListAsync(_feed.Server.FeedUrl)).Offers["A"];

        Assert.Null(offer.Price);
        Assert.Equal(new Dictionary<string, decimal> { ["750000000"] = 4990m, ["710000000"] = 4990m }, offer.CityPrices);
    }

    [Fact]
    public async Task TheXmlUsesKaspisNamespaceAndCasing()
    {
        var feed = await _feed.Connector.BuildFeedAsync([Some.Offer("A", 4990m, stock: 3)], CancellationToken.None);

        var xml = Encoding.UTF8.GetString(feed.Content.Span);
        Assert.Equal(("application/xml; charset=utf-8", 1), (feed.ContentType, feed.OfferCount));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml, StringComparison.Ordinal);
        Assert.Contains("<kaspi_catalog date=\"2026-12-04T14:00:00+05:00\" xmlns=\"kaspiShopping\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"kaspiShopping http://kaspi.kz/kaspishopping.xsd\">", xml, StringComparison.Ordinal);
        Assert.Contains("<merchantid>30322748</merchantid>", xml, StringComparison.Ordinal);
        Assert.Contains("<availability available=\"yes\" storeId=\"PP1\" stockCount=\"3\" />", xml, StringComparison.Ordinal);
        Assert.Contains("<price>4990</price>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyListIsNeverBuilt()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _feed.Connector.BuildFeedAsync([], CancellationToken.None));

        Assert.Contains("an empty list would take every offer off sale", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AListWithAnUnpricedOfferIsNotBuiltRatherThanServedPartial()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _feed.Connector.BuildFeedAsync([Some.Offer("A"), Some.Offer("B", price: 0m)], CancellationToken.None));

        Assert.Contains("1 offer(s) have no price (first: B)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOfferOfAnotherShopIsRefused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _feed.Connector.BuildFeedAsync([Some.Offer("A"), Some.Offer("B", shopId: "other")], CancellationToken.None));

        Assert.Contains("kaspi/other/B", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNewestSnapshotOfASkuIsTheOffer()
    {
        var older = Some.Offer("A", 900m) with { Date = new DateOnly(2026, 12, 1) };

        var feed = await _feed.Connector.BuildFeedAsync([Some.Offer("A", 950m), older], CancellationToken.None);

        Assert.Equal(950m, KaspiPriceListSchema.Parse(feed.Content.Span).Offers["A"].Price);
    }

    [Theory]
    [InlineData("<price>12.50</price>", "price '12.50' is not a positive whole number of tenge")]
    [InlineData("<price>1000</price><cityprices><cityprice cityId=\"750000000\">1000</cityprice></cityprices>", "must have either price or cityprices, not both")]
    [InlineData("<cityprices><cityprice cityId=\"75\">1000</cityprice></cityprices>", "without a 9-digit cityId")]
    [InlineData("<Price>1000</Price>", "holds an element {kaspiShopping}Price the schema does not have")]
    public void TheFetcherRefusesAListThatBreaksTheSchema(string price, string problem)
    {
        var xml = $"""<?xml version="1.0" encoding="utf-8"?><kaspi_catalog date="2026-12-04T14:00:00+05:00" xmlns="kaspiShopping"><company>C</company><merchantid>1</merchantid><offers><offer sku="A"><model>M</model><availabilities><availability available="yes" storeId="PP1"/></availabilities>{price}</offer></offers></kaspi_catalog>""";

        var error = Assert.Throws<KaspiPriceListException>(() => KaspiPriceListSchema.Parse(Encoding.UTF8.GetBytes(xml)));

        Assert.Contains(error.Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }
}
