using Marketpilot.Connectors.Ozon.Tests.Support;
using Marketpilot.Emulators.Hosting;
using Marketpilot.Emulators.Ozon;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Ozon.Tests;

public sealed class OzonExactlyOnceTests() : OzonShopTests(products: 300)
{
    [Fact]
    public async Task AtATwentyPercentFaultRateEveryActionIsAppliedExactlyOnce()
    {
        // Lower prices, each different: products 11 to 15 sit in a frozen promotion, where a raise is refused.
        var targets = Enumerable.Range(1, 200).ToDictionary(n => n, n => Shop.Emulator.Product(OzonEmulator.OfferId(n)).Price - 1 - (n % 50));
        var prices = targets.Select(t => OzonTestShop.Request(OzonEmulator.OfferId(t.Key), new SetPrice(t.Value), key: $"price-{t.Key}")).ToList();
        var promotions = Enumerable.Range(201, 40).Select(n => OzonTestShop.Request(OzonEmulator.OfferId(n), new AddToPromo(OzonEmulator.OpenPromotionId.ToString(System.Globalization.CultureInfo.InvariantCulture)), key: $"promo-{n}")).ToList();
        Shop.Emulator.Faults.Kinds = [FaultKind.TooManyRequests, FaultKind.ServerError, FaultKind.MalformedJson, FaultKind.Timeout];
        Shop.Emulator.Faults.TimeoutDelay = TimeSpan.FromSeconds(5);
        Shop.Emulator.Faults.Rate = 0.2;
        Shop.Emulator.PriceItemFaultRate = 0.2;

        // Each batch mixes prices and promotions: when the promotion calls fail after the prices were applied, the whole
        // batch comes back, and only the ledger keeps those prices from being sent twice.
        var mixed = prices.Chunk(5).Zip(promotions).SelectMany(p => p.First.Append(p.Second)).ToList();

        var final = await HostLikeDriver.ApplyUntilSettledAsync(Shop.Connector(quotas: OzonTestShop.FastQuotas with { AttemptTimeout = TimeSpan.FromMilliseconds(500) }), mixed, batchSize: 30);

        Assert.True(Shop.Emulator.Faults.Injected > 0);
        Assert.All(final.Values, r => Assert.Equal(ActionResultStatus.Applied, r.Status));
        Assert.Equal(240, final.Count);
        Assert.All(Enumerable.Range(1, 200), n =>
        {
            Assert.Equal(1, Shop.Emulator.PriceUpdates[OzonEmulator.OfferId(n)]);
            Assert.Equal(targets[n], Shop.Emulator.Product(OzonEmulator.OfferId(n)).Price);
        });
        var participants = Shop.Emulator.Promotions[OzonEmulator.OpenPromotionId].Participants;
        Assert.All(Enumerable.Range(201, 40), n => Assert.Contains(Shop.Emulator.Product(OzonEmulator.OfferId(n)).ProductId, participants.Keys));
    }
}
