using Marketpilot.Connectors.Kaspi.Tests.Support;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Kaspi.Tests;

public sealed class KaspiPriceActionTests : IAsyncLifetime
{
    private FeedShop _feed = null!;

    public async Task InitializeAsync()
    {
        _feed = await FeedShop.StartAsync(["A", "B"]);
        Assert.NotNull(await _feed.KaspiFetchesAsync());
    }

    public async Task DisposeAsync() => await _feed.DisposeAsync();

    [Fact]
    public async Task APriceIsWaitingUntilKaspiFetchedAListThatCarriesItThenApplied()
    {
        var action = Some.SetPrice("A", 1290m);

        var waiting = await ApplyAsync(action);
        await _feed.KaspiFetchesAsync();
        var applied = await ApplyAsync(action);

        Assert.Equal(ActionResultStatus.RetryableFailure, waiting.Status);
        Assert.Contains("Waiting for Kaspi to fetch the price list that carries 1290 KZT for A", waiting.Reason, StringComparison.Ordinal);
        Assert.Equal(ActionResultStatus.Applied, applied.Status);
        Assert.Equal(1290m, _feed.PriceOnKaspi("A"));
        Assert.Equal(1000m, _feed.PriceOnKaspi("B"));
    }

    [Fact]
    public async Task AnAppliedKeyIsNeverAppliedAgainEvenWithAnotherPriceOrAfterARestart()
    {
        var action = await PriceAsync("A", 1290m, fetched: true);
        _feed.Restart();

        var replayed = await ApplyAsync(action with { Action = new SetPrice(1500m) });
        await _feed.KaspiFetchesAsync();

        Assert.Equal(ActionResultStatus.Applied, replayed.Status);
        Assert.Equal(1290m, _feed.PriceOnKaspi("A"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"type\":\"recorded\",\"seq\":2,\"ke")]
    public async Task APendingPriceSurvivesARestartEvenAfterALineTheProcessDidNotFinishWriting(string tornLine)
    {
        var action = await PriceAsync("A", 1290m);
        await StopAndAppendToLedgerAsync(tornLine);
        _feed.Restart();

        await _feed.KaspiFetchesAsync();

        Assert.Equal(ActionResultStatus.Applied, (await ApplyAsync(action)).Status);
        Assert.Equal(1290m, _feed.PriceOnKaspi("A"));
    }

    [Fact]
    public async Task ADamagedPriceLedgerStopsTheConnectorWithTheFileNamed()
    {
        await StopAndAppendToLedgerAsync("not json\n");

        var error = Assert.Throws<InvalidDataException>(() => _feed.Shop.Connect());

        Assert.Contains("Line 3 of", error.Message, StringComparison.Ordinal);
        Assert.Contains("prices.jsonl cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALaterPriceSupersedesAPendingOneThatKaspiNeverSaw()
    {
        var first = await PriceAsync("A", 1290m);
        var second = await PriceAsync("A", 1190m);

        await _feed.KaspiFetchesAsync();

        var superseded = await ApplyAsync(first);
        Assert.Equal(ActionResultStatus.Rejected, superseded.Status);
        Assert.Contains($"A later price for A (action {second.IdempotencyKey}) reached Kaspi first; Kaspi never showed 1290 KZT", superseded.Reason, StringComparison.Ordinal);
        Assert.Equal(ActionResultStatus.Applied, (await ApplyAsync(second)).Status);
        Assert.Equal(1190m, _feed.PriceOnKaspi("A"));
    }

    [Fact]
    public async Task APriceKaspiAlreadyShowedStaysAppliedWhenALaterOneFollows()
    {
        var first = await PriceAsync("A", 1290m, fetched: true);
        var second = await PriceAsync("A", 1190m);

        await _feed.KaspiFetchesAsync();

        Assert.Equal(ActionResultStatus.Applied, (await ApplyAsync(first)).Status);
        Assert.Equal(ActionResultStatus.Applied, (await ApplyAsync(second)).Status);
        Assert.Equal(1190m, _feed.PriceOnKaspi("A"));
    }

    [Fact]
    public async Task ANewSnapshotPriceFromTheSellerOverridesARecordedPrice()
    {
        var action = await PriceAsync("A", 1290m, fetched: true);
        var pending = await PriceAsync("B", 1490m);
        await _feed.Connector.BuildFeedAsync([.. _feed.Offers.Values], CancellationToken.None);
        _feed.Offers["A"] = Some.Offer("A", 1100m);
        _feed.Offers["B"] = Some.Offer("B", 1050m);

        await _feed.KaspiFetchesAsync();

        Assert.Equal((1100m, 1050m), (_feed.PriceOnKaspi("A"), _feed.PriceOnKaspi("B")));
        Assert.Equal(ActionResultStatus.Applied, (await ApplyAsync(action)).Status);
        var overridden = await ApplyAsync(pending);
        Assert.Equal(ActionResultStatus.Rejected, overridden.Status);
        Assert.Contains("The seller's catalog set B to 1050 KZT before Kaspi fetched 1490 KZT", overridden.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHostCatchingUpWithARecordedPriceKeepsIt()
    {
        await PriceAsync("A", 1290m, fetched: true);
        _feed.Offers["A"] = Some.Offer("A", 1290m);

        await _feed.KaspiFetchesAsync();

        Assert.Equal(1290m, _feed.PriceOnKaspi("A"));
    }

    [Fact]
    public async Task APriceWithTiynIsRoundedUpToWholeTenge()
    {
        await PriceAsync("A", 1136.37m, fetched: true);

        Assert.Equal(1137m, _feed.PriceOnKaspi("A"));
    }

    [Theory]
    [InlineData("A", 0, "Kaspi needs a price of at least 1 tenge")]
    [InlineData("A", -5, "Kaspi needs a price of at least 1 tenge")]
    [InlineData("NOT-LISTED", 1000, "NOT-LISTED is in no price list built for Kaspi and in no Kaspi order")]
    [InlineData("X12345678901234567890123456789012345678901234567890123456789012345", 1000, "Kaspi offer codes are 1 to 64 characters")]
    public async Task PricesKaspiCouldNeverShowAreRefusedBeforeRecording(string sku, int price, string reason)
    {
        var result = await ApplyAsync(Some.SetPrice(sku, price));
        await _feed.KaspiFetchesAsync();

        Assert.Equal(ActionResultStatus.Rejected, result.Status);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.Equal(1000m, _feed.PriceOnKaspi("A"));
        Assert.Equal("none", _feed.Connector.DescribeRecordedPrice(sku));
    }

    [Fact]
    public async Task ASkuOfAnotherShopIsRefused()
    {
        var request = Some.SetPrice("A", 1290m) with { Sku = new SkuKey(Marketplaces.Kaspi, "other-shop", "A") };

        var result = await ApplyAsync(request);

        Assert.Equal(ActionResultStatus.Rejected, result.Status);
        Assert.Contains("kaspi/other-shop/A is not a SKU of the Kaspi shop kz-main", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryOtherActionKindIsRejectedWithKaspisReason()
    {
        var sku = new SkuKey(Marketplaces.Kaspi, Some.ShopId, "A");
        RuleAction[] actions = [new CreateCoupon(0.1m, TimeSpan.FromDays(3)), new CancelCoupon("c1"), new AddToPromo("p1"), new RemoveFromPromo(),
            new PauseAds(), new ResumeAds(), new SetBid("c1", 10m), new SetBudget("c1", 1000m), new Notify("manager", "hi")];

        var results = await _feed.Connector.ApplyAsync([.. actions.Select((a, i) => new ActionRequest($"k{i}", sku, a))], CancellationToken.None);

        Assert.Equal(actions.Length, results.Count);
        Assert.All(results.Zip(actions), p =>
        {
            Assert.Equal(ActionResultStatus.Rejected, p.First.Status);
            Assert.Equal(KaspiCapabilities.UnsupportedReasons[p.Second.Kind], p.First.Reason);
        });
        Assert.Equal([ActionKind.SetPrice], KaspiCapabilities.Value.ActionKinds);
        Assert.Equal(Enum.GetValues<ActionKind>().Length - 1, KaspiCapabilities.Value.UnsupportedReasons.Count);
        Assert.Equal(MetricKinds.Orders | MetricKinds.Returns, KaspiCapabilities.Value.EffectiveMetrics);
    }

    /// <summary>Sends a new price action for <paramref name="sku"/>; Kaspi then fetches the price list when <paramref name="fetched"/>.</summary>
    private async Task<ActionRequest> PriceAsync(string sku, decimal price, bool fetched = false)
    {
        var action = Some.SetPrice(sku, price);
        await ApplyAsync(action);
        if (fetched)
        {
            await _feed.KaspiFetchesAsync();
        }

        return action;
    }

    /// <summary>Stops the connector, as a crash would, and adds <paramref name="text"/> to its price ledger.</summary>
    private async Task StopAndAppendToLedgerAsync(string text)
    {
        _feed.Connector.Dispose();
        await File.AppendAllTextAsync(Path.Combine(_feed.Shop.StateDirectory, "prices.jsonl"), text);
    }

    private async Task<ActionResult> ApplyAsync(ActionRequest request) =>
        Assert.Single(await _feed.Connector.ApplyAsync([request], CancellationToken.None));
}
