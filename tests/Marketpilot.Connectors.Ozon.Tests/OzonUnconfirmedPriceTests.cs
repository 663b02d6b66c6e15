using Marketpilot.Connectors.Ozon.Tests.Support;
using Marketpilot.Emulators.Hosting;
using Marketpilot.Emulators.Ozon;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Ozon.Tests;

/// <summary>A price import Ozon ran but never confirmed (the answer was lost) is read back, not sent a second time.</summary>
public sealed class OzonUnconfirmedPriceTests() : OzonShopTests(products: 20)
{
    // Long enough that no answer the emulator gives is late on a loaded machine, far below the lost answer's hold.
    private static readonly OzonQuotas ShortAttempts = OzonTestShop.FastQuotas with { AttemptTimeout = TimeSpan.FromMilliseconds(1_500) };

    [Fact]
    public async Task APriceImportWhoseAnswerWasLostIsNotResentByTheRetries()
    {
        var offer = OzonEmulator.OfferId(4);
        var target = Shop.Emulator.Product(offer).Price - 7;
        LoseEveryPriceImportAnswer();

        var first = await Shop.Connector(quotas: ShortAttempts).ApplyAsync([OzonTestShop.Request(offer, new SetPrice(target), key: "lost-1")], CancellationToken.None);

        Assert.Equal(ActionResultStatus.RetryableFailure, Assert.Single(first).Status);
        Assert.Contains("read back before it is sent again", first[0].Reason, StringComparison.Ordinal);
        Assert.Equal(1, Shop.Emulator.PriceUpdates[offer]);
        Assert.Equal(1, Shop.Emulator.Requests["/v1/product/import/prices"]);
    }

    [Fact]
    public async Task TheNextAttemptReadsThePriceBackAndCountsItAppliedWithoutSendingIt()
    {
        var offer = OzonEmulator.OfferId(5);
        var target = Shop.Emulator.Product(offer).Price - 9;
        var request = OzonTestShop.Request(offer, new SetPrice(target), key: "lost-2");
        BreakEveryPriceImportAnswer();
        await Shop.Connector().ApplyAsync([request], CancellationToken.None);
        Shop.Emulator.Faults.Rate = 0;

        var again = await Shop.Connector().ApplyAsync([request], CancellationToken.None);

        Assert.Equal(ActionResultStatus.Applied, Assert.Single(again).Status);
        Assert.Equal(1, Shop.Emulator.PriceUpdates[offer]);
        Assert.Equal(1, Shop.Emulator.Requests["/v1/product/import/prices"]);
        Assert.Equal(target, Shop.Emulator.Product(offer).Price);
    }

    [Fact]
    public async Task AnUnconfirmedImportThatDidNotLandIsSentAgain()
    {
        var offer = OzonEmulator.OfferId(6);
        var target = Shop.Emulator.Product(offer).Price - 3;
        var request = OzonTestShop.Request(offer, new SetPrice(target), key: "lost-3");
        Shop.Emulator.Faults.Kinds = [FaultKind.ServerError];
        Shop.Emulator.Faults.PathPrefix = "/v1/product/import/prices";
        Shop.Emulator.Faults.Rate = 1;
        var first = await Shop.Connector().ApplyAsync([request], CancellationToken.None);
        Shop.Emulator.Faults.Rate = 0;

        var again = await Shop.Connector().ApplyAsync([request], CancellationToken.None);

        Assert.Equal(ActionResultStatus.RetryableFailure, Assert.Single(first).Status);
        Assert.Equal(ActionResultStatus.Applied, Assert.Single(again).Status);
        Assert.Equal(1, Shop.Emulator.PriceUpdates[offer]);
        Assert.Equal(target, Shop.Emulator.Product(offer).Price);
    }

    private void LoseEveryPriceImportAnswer()
    {
        Shop.Emulator.Faults.Kinds = [FaultKind.LostAnswer];
        Shop.Emulator.Faults.PathPrefix = "/v1/product/import/prices";
        Shop.Emulator.Faults.TimeoutDelay = TimeSpan.FromSeconds(10);
        Shop.Emulator.Faults.Rate = 1;
    }

    // Ozon runs the import and the connection drops before its answer: unconfirmed at once, no timeout to wait for.
    private void BreakEveryPriceImportAnswer()
    {
        Shop.Emulator.Faults.Kinds = [FaultKind.BrokenAnswer];
        Shop.Emulator.Faults.PathPrefix = "/v1/product/import/prices";
        Shop.Emulator.Faults.Rate = 1;
    }
}
