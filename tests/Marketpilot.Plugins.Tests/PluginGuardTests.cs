using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Marketpilot.Plugins.Tests;

/// <summary>A plugin's guard and the guards of its shops (<see cref="PluginGuard.ForShop"/>).</summary>
public sealed class PluginGuardTests : IDisposable
{
    private const string PluginSecret = "plugin-secret-9f3a";
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(30);
    private readonly string _pluginId = "guarded-" + Guid.NewGuid().ToString("N");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-06T10:00:00Z", CultureInfo.InvariantCulture));
    private readonly ConcurrentQueue<string> _faulted = new();
    private readonly ConcurrentQueue<(string? Shop, string State)> _transitions = new();
    private readonly MeterListener _listener = new();
    private readonly PluginMetrics _metrics = new(null, () => 0);

    public PluginGuardTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PluginMetrics.MeterName && instrument.Name == "marketpilot.plugins.circuit_transitions")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string);
            if (tagged.GetValueOrDefault("plugin") == _pluginId)
            {
                _transitions.Enqueue((tagged.GetValueOrDefault("shop"), tagged["state"]!));
            }
        });
        _listener.Start();
    }

    [Fact]
    public async Task AShopsFailingCallsOpenItsOwnBreakerAndStopNeitherThePluginNorItsOtherShops()
    {
        var plugin = Guard();
        var broken = plugin.ForShop("ozon/broken", ["wrong-key-1234"]);
        var healthy = plugin.ForShop("ozon/healthy", ["good-key-5678"]);

        await Assert.ThrowsAsync<ScrubbedPluginException>(() => FailAsync(broken, "401 Unauthorized for key wrong-key-1234"));
        await Assert.ThrowsAsync<ScrubbedPluginException>(() => FailAsync(broken, "401 Unauthorized for key wrong-key-1234"));
        var rejected = await Assert.ThrowsAsync<PluginFaultedException>(() => SucceedAsync(broken));

        Assert.Equal(1, await SucceedAsync(healthy));
        Assert.Equal(1, await SucceedAsync(plugin));
        Assert.Equal(
            new BreakerState(CircuitState.Open, "pull threw ScrubbedPluginException: HttpRequestException: 401 Unauthorized for key ***", _time.GetUtcNow() + Break),
            broken.Breaker);
        Assert.StartsWith($"plugin '{_pluginId}' for shop ozon/broken is suspended (its breaker is open) (pull threw", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(BreakerState.Closed, healthy.Breaker);
        Assert.Equal(BreakerState.Closed, plugin.Breaker);
        Assert.Empty(_faulted);
        Assert.Equal([("ozon/broken", "open")], _transitions);
    }

    [Fact]
    public async Task AShopsBreakerClosesOnceATrialCallAfterTheBreakSucceeds()
    {
        var shop = Guard().ForShop("ozon/a", ["key-a-1234"]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => FailAsync(shop, "marketplace unreachable"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => FailAsync(shop, "marketplace unreachable"));

        _time.Advance(Break + TimeSpan.FromSeconds(1));
        var result = await SucceedAsync(shop);

        Assert.Equal(1, result);
        Assert.Equal(BreakerState.Closed, shop.Breaker);
        Assert.Equal([("ozon/a", "open"), ("ozon/a", "half_open"), ("ozon/a", "closed")], _transitions);
    }

    [Fact]
    public async Task WhatAShopsCallThrowsHasTheShopsCredentialsAndThePluginsSecretsMasked()
    {
        var shop = Guard().ForShop("ozon/a", ["shop-key-1234", "shop-key-1234-long"]);

        var thrown = await Assert.ThrowsAsync<ScrubbedPluginException>(() => FailAsync(shop, $"keys shop-key-1234-long and {PluginSecret} refused"));

        Assert.Equal("HttpRequestException: keys *** and *** refused", thrown.Message);
        Assert.Equal("keys *** and *** refused", shop.Scrub($"keys shop-key-1234 and {PluginSecret} refused"));
    }

    [Fact]
    public async Task AShopsCallInFlightHoldsOffThePluginsDrain()
    {
        var plugin = Guard();
        var shop = plugin.ForShop("ozon/a", ["key-a-1234"]);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = shop.CallAsync("pull", _ => release.Task, _ => null, CancellationToken.None);

        var drained = plugin.DrainAsync();
        var whileRunning = drained.IsCompleted;
        release.SetResult(1);
        await call;
        await drained.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(whileRunning);
        Assert.True(drained.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AShopsCallRunsUnderThePluginsOneDeadlineAndItsTimeoutsCountAgainstTheShopsBreaker()
    {
        var plugin = Guard();
        var shop = plugin.ForShop("ozon/slow", ["key-1234"]);

        for (var i = 0; i < 2; i++)
        {
            var hanging = shop.CallAsync("pull", _ => new TaskCompletionSource<int>().Task, _ => null, CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(31));
            var timedOut = await Assert.ThrowsAsync<TimeoutException>(() => hanging.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal($"plugin '{_pluginId}' for shop ozon/slow pull timed out after 30000 ms", timedOut.Message);
        }

        Assert.Equal(CircuitState.Open, shop.Breaker.State);
        Assert.Equal("pull timed out after 30000 ms", shop.Breaker.Reason);
        Assert.Equal(BreakerState.Closed, plugin.Breaker);
    }

    [Fact]
    public async Task AMarketplaceThatAsksForAPauseReachesTheCallerWithItsWaitAndOpensNoBreaker()
    {
        var plugin = Guard();
        var shop = plugin.ForShop("ozon/busy", ["busy-key-1234"]);

        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => RateLimitedAsync(shop, "429 for busy-key-1234, retry after 45 s"));
        }

        var thrown = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => RateLimitedAsync(plugin, "429 for busy-key-1234, retry after 45 s"));
        Assert.Equal(TimeSpan.FromSeconds(45), thrown.RetryAfter);
        Assert.Equal("429 for busy-key-1234, retry after 45 s", thrown.Message);
        var masked = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => RateLimitedAsync(shop, "429 for busy-key-1234, retry after 45 s"));
        Assert.Equal(("429 for ***, retry after 45 s", TimeSpan.FromSeconds(45)), (masked.Message, masked.RetryAfter));
        Assert.Equal(1, await SucceedAsync(shop));
        Assert.Equal(BreakerState.Closed, shop.Breaker);
        Assert.Empty(_transitions);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
    }

    private PluginGuard Guard() => new(
        _pluginId,
        "1.0.0",
        new PluginRuntimeOptions { CallTimeoutMilliseconds = 30_000, MinimumThroughput = 2, FailureRatio = 0.5, BreakDurationMilliseconds = (int)Break.TotalMilliseconds },
        _time,
        _metrics,
        NullLogger.Instance,
        (reason, _) => _faulted.Enqueue(reason),
        () => { },
        () => [PluginSecret]);

    private static Task<int> SucceedAsync(PluginGuard guard) => guard.CallAsync("pull", _ => Task.FromResult(1), _ => null, CancellationToken.None);

    private static Task<int> RateLimitedAsync(PluginGuard guard, string message) =>
        guard.CallAsync<int>("pull", _ => Task.FromException<int>(new MarketplaceRateLimitedException(message, TimeSpan.FromSeconds(45))), _ => null, CancellationToken.None);

    private static Task<int> FailAsync(PluginGuard guard, string message) =>
        guard.CallAsync<int>(
            "pull",
            _ => Task.FromException<int>(message.Contains("key", StringComparison.Ordinal) ? new HttpRequestException(message) : new InvalidOperationException(message)),
            _ => null,
            CancellationToken.None);
}
