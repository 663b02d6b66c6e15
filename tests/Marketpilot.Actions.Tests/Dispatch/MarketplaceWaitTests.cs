using Marketpilot.Actions.Connectors;
using Marketpilot.Actions.Dispatch;
using Marketpilot.Connectors.Wildberries;
using Marketpilot.Emulators.Hosting;
using Marketpilot.Emulators.Wildberries;
using Marketpilot.Plugins;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Actions.Tests.Dispatch;

public sealed class MarketplaceWaitTests : IAsyncLifetime
{
    private const string Token = "wb-dispatch-token-5d1e8c";

    private readonly WildberriesEmulator _wildberries = new(Token, itemCount: 5);
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("wb-dispatch-");
    private IMarketplaceConnector? _connector;

    [Fact]
    public async Task TheWaitWildberriesAsksOfPartOfABatchReachesItsOutcomesAndTheRestStaysApplied()
    {
        _wildberries.Faults.Kinds = [FaultKind.TooManyRequests];
        _wildberries.Faults.RetryAfterSeconds = 42;
        _wildberries.Faults.PathPrefix = "/api/v2/upload";
        _wildberries.Faults.Rate = 1;
        var dispatcher = new ActionDispatcher(new ConnectorDirectory([Connector()], [], Options.Create(new PluginRuntimeOptions())), NullLogger<ActionDispatcher>.Instance);

        var outcomes = (await dispatcher.DispatchAsync([Record("price", new SetPrice(900m)), Record("pause", new PauseAds("701"))], CancellationToken.None))
            .ToDictionary(o => o.ActionId);

        Assert.Equal((ActionResultStatus.RetryableFailure, TimeSpan.FromSeconds(42)), (outcomes["price"].Status, outcomes["price"].RetryAfter));
        Assert.Equal((ActionResultStatus.Applied, (TimeSpan?)null), (outcomes["pause"].Status, outcomes["pause"].RetryAfter));
        Assert.Equal(1, _wildberries.Faults.Injected);
    }

    public Task InitializeAsync() => _wildberries.StartAsync();

    public async Task DisposeAsync()
    {
        if (_connector is IAsyncDisposable connector)
        {
            await connector.DisposeAsync();
        }

        await _wildberries.DisposeAsync();
        _state.Delete(recursive: true);
    }

    private IMarketplaceConnector Connector()
    {
        var settings = new[] { "ContentBaseUrl", "PricesBaseUrl", "CalendarBaseUrl", "AdvertBaseUrl", "AnalyticsBaseUrl", "StatisticsBaseUrl" }
            .ToDictionary(k => k, _ => (string?)_wildberries.BaseAddress.ToString());
        settings["PollIntervalMilliseconds"] = "5";
        _connector = new WildberriesConnectorFactory().Create(new ShopConnection
        {
            Marketplace = Marketplaces.Wildberries,
            ShopId = "wb-main",
            Currency = "RUB",
            TimeZone = "Europe/Moscow",
            Settings = new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            Credentials = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Token"] = Token }).Build(),
            StateDirectory = _state.FullName,
        });
        return _connector;
    }

    private static ActionRecord Record(string id, RuleAction action) => new(
        id, "test-rule", "1", new SkuKey(Marketplaces.Wildberries, "wb-main", "100001"), action, ActionStatus.Proposed, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
}
