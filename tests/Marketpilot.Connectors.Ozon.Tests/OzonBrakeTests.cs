using Marketpilot.Connectors.Ozon.Tests.Support;
using Marketpilot.Emulators.Ozon;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Ozon.Tests;

public sealed class OzonBrakeTests() : OzonShopTests(products: 30)
{
    [Fact]
    public async Task APriceUnderTheProductsMinPriceIsRefusedBeforeItIsSent()
    {
        var offer = OzonEmulator.OfferId(4);
        var minPrice = Shop.Emulator.Product(offer).MinPrice;

        var result = (await Shop.Connector().ApplyAsync([OzonTestShop.Request(offer, new SetPrice(minPrice - 1))], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.Rejected, result.Status);
        Assert.Contains("under the product's Ozon min_price", result.Reason, StringComparison.Ordinal);
        Assert.False(Shop.Emulator.Requests.ContainsKey("/v1/product/import/prices"));
    }

    [Fact]
    public async Task TheEleventhPriceChangeOfAProductWithinAnHourIsRefused()
    {
        var offer = OzonEmulator.OfferId(6);
        var connector = Shop.Connector();
        for (var i = 0; i < 10; i++)
        {
            await connector.ApplyAsync([OzonTestShop.Request(offer, new SetPrice(1500m + i))], CancellationToken.None);
        }

        var eleventh = (await connector.ApplyAsync([OzonTestShop.Request(offer, new SetPrice(1600m))], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.Rejected, eleventh.Status);
        Assert.Contains("10 price changes per product per hour", eleventh.Reason, StringComparison.Ordinal);
        Assert.Equal(10, Shop.Emulator.PriceUpdates[offer]);
        Assert.Equal(1509m, Shop.Emulator.Product(offer).Price);
    }

    [Fact]
    public async Task ThePriceChangeCountSurvivesARestartAndClearsAfterAnHour()
    {
        var offer = OzonEmulator.OfferId(8);
        var changes = Enumerable.Range(0, 10).Select(i => OzonTestShop.Request(offer, new SetPrice(1500m + i))).ToList();
        foreach (var change in changes)
        {
            await Shop.Connector().ApplyAsync([change], CancellationToken.None);
        }

        var afterRestart = (await Shop.Connector().ApplyAsync([OzonTestShop.Request(offer, new SetPrice(1700m))], CancellationToken.None)).Single();
        Shop.Time.Advance(TimeSpan.FromHours(1));
        var anHourLater = (await Shop.Connector().ApplyAsync([OzonTestShop.Request(offer, new SetPrice(1700m))], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.Rejected, afterRestart.Status);
        Assert.Equal(ActionResultStatus.Applied, anHourLater.Status);
        Assert.Equal(1700m, Shop.Emulator.Product(offer).Price);
    }

    [Fact]
    public async Task LeavingAFrozenPromotionIsRefusedBeforeItIsSent()
    {
        var result = (await Shop.Connector().ApplyAsync([OzonTestShop.Request(OzonEmulator.OfferId(12), new RemoveFromPromo())], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.Rejected, result.Status);
        Assert.Contains("froze promotion", result.Reason, StringComparison.Ordinal);
        Assert.False(Shop.Emulator.Requests.ContainsKey("/v1/actions/products/deactivate"));
        Assert.Contains(Shop.Emulator.Product(OzonEmulator.OfferId(12)).ProductId, Shop.Emulator.Promotions[OzonEmulator.FrozenPromotionId].Participants.Keys);
    }

    [Fact]
    public async Task RaisingThePriceOfAProductInAFrozenPromotionIsRefusedButLoweringItIsNot()
    {
        var offer = OzonEmulator.OfferId(13);
        var price = Shop.Emulator.Product(offer).Price;

        var results = await Shop.Connector().ApplyAsync(
            [OzonTestShop.Request(offer, new SetPrice(price + 10), key: "raise"), OzonTestShop.Request(OzonEmulator.OfferId(14), new SetPrice(price - 1), key: "lower")],
            CancellationToken.None);

        var raise = results.Single(r => r.IdempotencyKey == "raise");
        Assert.Equal(ActionResultStatus.Rejected, raise.Status);
        Assert.Contains("frozen since", raise.Reason, StringComparison.Ordinal);
        Assert.Equal(ActionResultStatus.Applied, results.Single(r => r.IdempotencyKey == "lower").Status);
        Assert.False(Shop.Emulator.PriceUpdates.ContainsKey(offer));
    }
}
