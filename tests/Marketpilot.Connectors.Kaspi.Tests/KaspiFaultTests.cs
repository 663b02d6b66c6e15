using Marketpilot.Connectors.Kaspi.Tests.Support;
using Marketpilot.Emulators.Hosting;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Kaspi.Tests;

public sealed class KaspiFaultTests
{
    [Fact]
    public async Task AtATwentyPercentFaultRateEveryPriceActionReachesKaspiExactlyOnceAndNoneIsLost()
    {
        var skus = Some.Skus(40);
        await using var feed = await FeedShop.StartAsync(skus);
        Assert.NotNull(await feed.KaspiFetchesAsync());
        var actions = skus.Select((s, i) => Some.SetPrice(s, 2000m + i)).ToList();
        feed.Server.Faults.Kinds = [FaultKind.TooManyRequests, FaultKind.ServerError, FaultKind.Timeout, FaultKind.MalformedJson];
        feed.Server.Faults.TimeoutDelay = TimeSpan.FromMilliseconds(200);
        feed.Server.Faults.Rate = 0.2;
        var lostAnswers = new Random(7);

        var final = await DriveAsync(feed, actions, lostAnswers);
        feed.Server.Faults.Rate = 0;
        var replayed = await feed.Connector.ApplyAsync(actions, CancellationToken.None);
        await feed.KaspiFetchesAsync();

        Assert.True(feed.Server.Faults.Injected > 0);
        Assert.Equal(actions.Count, final.Count);
        Assert.All(final.Values, r => Assert.Equal(ActionResultStatus.Applied, r.Status));
        Assert.All(replayed, r => Assert.Equal(ActionResultStatus.Applied, r.Status));
        Assert.All(skus.Select((s, i) => (s, i)), p => Assert.Equal(2000m + p.i, feed.PriceOnKaspi(p.s)));
        Assert.All(skus, s => Assert.Equal(1, PriceChangesOnKaspi(feed, s)));
    }

    /// <summary>The host's outbox in miniature: resend the same keys until no result is retryable, losing some answers, restarting now and then; Kaspi fetches between rounds.</summary>
    private static async Task<Dictionary<string, ActionResult>> DriveAsync(FeedShop feed, List<ActionRequest> actions, Random lostAnswers)
    {
        var final = new Dictionary<string, ActionResult>(StringComparer.Ordinal);
        for (var round = 0; round < 200 && final.Count < actions.Count; round++)
        {
            var pending = actions.Where(a => !final.ContainsKey(a.IdempotencyKey)).Take(KaspiCapabilities.Value.MaxBatchSize).ToList();
            var results = await feed.Connector.ApplyAsync(pending, CancellationToken.None);
            foreach (var result in results.Where(r => r.Status != ActionResultStatus.RetryableFailure && lostAnswers.NextDouble() >= 0.2))
            {
                final[result.IdempotencyKey] = result;
            }

            if (round % 5 == 4)
            {
                feed.Restart();
            }

            await feed.KaspiFetchesAsync();
        }

        return final;
    }

    private static int PriceChangesOnKaspi(FeedShop feed, string sku) =>
        feed.Shop.Emulator.FetchedPriceLists.Select(l => l.Offers[sku].Price).Zip(feed.Shop.Emulator.FetchedPriceLists.Skip(1).Select(l => l.Offers[sku].Price))
            .Count(p => p.First != p.Second);
}
