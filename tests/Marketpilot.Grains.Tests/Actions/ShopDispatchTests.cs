using System.Collections.Concurrent;
using Marketpilot.Actions;
using Marketpilot.Actions.Connectors;
using Marketpilot.Actions.Dispatch;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Plugins;
using Marketpilot.Plugins.Shops;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Grains.Tests.Actions;

public sealed class ShopDispatchTests
{
    private const string Market = "testshop";

    [Fact]
    public async Task EachConfiguredShopsActionsGoToItsOwnConnectorAndOtherShopsToTheMarketplaceWideOne()
    {
        var shopA = new RecordingConnector();
        var shopB = new RecordingConnector();
        var wide = new RecordingConnector();
        var dispatcher = Dispatcher(new Registry([wide], [Shop("a", shopA), Shop("b", shopB)]));

        var results = await dispatcher.DispatchAsync([Request("1", "a", new SetPrice(10m)), Request("2", "b", new SetPrice(20m)), Request("3", "c", new SetPrice(30m))], CancellationToken.None);

        Assert.All(results, r => Assert.Equal(ActionResultStatus.Applied, r.Status));
        Assert.Equal(["1"], shopA.Applied.Select(a => a.IdempotencyKey));
        Assert.Equal(["2"], shopB.Applied.Select(a => a.IdempotencyKey));
        Assert.Equal(["3"], wide.Applied.Select(a => a.IdempotencyKey));
    }

    [Fact]
    public async Task AFailedShopsActionsStayPendingWithItsReasonAndNeverGoToTheMarketplaceWideConnector()
    {
        var wide = new RecordingConnector();
        var dispatcher = Dispatcher(new Registry([wide], [Shop("a", null, "plugin 'x' refused its configuration: Credentials:ApiKey is missing.")]));

        var result = (await dispatcher.DispatchAsync([Request("1", "a", new SetPrice(10m))], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.RetryableFailure, result.Status);
        Assert.Equal($"shop {Market}/a has no connector: plugin 'x' refused its configuration: Credentials:ApiKey is missing.", result.Reason);
        Assert.Empty(wide.Applied);
    }

    [Fact]
    public async Task AKindTheMarketplaceCannotDoIsRejectedWithTheConnectorsReason()
    {
        var connector = new RecordingConnector();
        var dispatcher = Dispatcher(new Registry([], [Shop("a", connector)]));

        var result = (await dispatcher.DispatchAsync([Request("1", "a", new RemoveFromPromo("promo-1"))], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.Rejected, result.Status);
        Assert.Equal($"connector '{nameof(RecordingConnector)}' does not apply RemoveFromPromo actions: this marketplace cannot take an item out of a promotion", result.Reason);
        Assert.Empty(connector.Applied);
    }

    private static ActionDispatcher Dispatcher(IPluginRegistry registry) =>
        new(
            new ConnectorDirectory([], [], Options.Create(new PluginRuntimeOptions()), registry),
            NullLogger<ActionDispatcher>.Instance);

    private static ActionRecord Request(string id, string shopId, RuleAction action) =>
        Some.Action(sku: "kettle", action: action) with { ActionId = id, Sku = new SkuKey(Market, shopId, "kettle") };

    private static ConfiguredShop Shop(string shopId, IMarketplaceConnector? connector, string? reason = null)
    {
        var section = new ConfigurationBuilder().Build().GetSection("Marketpilot:Shops:0");
        var definition = new ShopDefinition
        {
            Path = section.Path,
            Marketplace = Market,
            ShopId = shopId,
            Currency = "KZT",
            TimeZone = "UTC",
            Settings = section.GetSection("Settings"),
            Credentials = section.GetSection("Credentials"),
            Guardrails = section.GetSection("Guardrails"),
        };
        return new ConfiguredShop(definition, "x", null, connector, reason);
    }

    private sealed class Registry(IReadOnlyList<IMarketplaceConnector> connectors, IReadOnlyList<ConfiguredShop> shops) : IPluginRegistry
    {
        public IReadOnlyList<IMarketplaceConnector> Connectors => connectors;

        public IReadOnlyList<INotificationChannel> Channels => [];

        public IReadOnlyList<ConfiguredShop> Shops => shops;

        public event EventHandler? Changed
        {
            add { }
            remove { }
        }
    }

    private sealed class RecordingConnector : IMarketplaceConnector
    {
        public ConcurrentQueue<ActionRequest> Applied { get; } = [];

        public string Marketplace => Market;

        public ConnectorCapabilities Capabilities { get; } = new()
        {
            ActionKinds = [ActionKind.SetPrice],
            UnsupportedReasons = new Dictionary<ActionKind, string> { [ActionKind.RemoveFromPromo] = "this marketplace cannot take an item out of a promotion" },
        };

        public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken)
        {
            foreach (var action in actions)
            {
                Applied.Enqueue(action);
            }

            return Task.FromResult<IReadOnlyList<ActionResult>>([.. actions.Select(a => new ActionResult(a.IdempotencyKey, ActionResultStatus.Applied))]);
        }
    }
}
