using Marketpilot.Actions;
using Marketpilot.Actions.Connectors;
using Marketpilot.Actions.Dispatch;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Plugins;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Grains.Tests.Actions;

public sealed class ActionDispatcherTests
{
    [Fact]
    public async Task ActionsGoToTheConnectorOfTheSkusMarketplace()
    {
        var connector = new FakeConnector();

        var result = await Dispatcher([connector]).DispatchAsync([Request(new SetPrice(120m))], CancellationToken.None);

        Assert.Equal(ActionResultStatus.Applied, result.Single().Status);
        Assert.IsType<SetPrice>(connector.Applied.Single().Action);
    }

    [Fact]
    public async Task AnActionForAMarketplaceWithoutConnectorIsRejected()
    {
        var result = await Dispatcher([new FakeConnector()]).DispatchAsync([Request(new SetPrice(120m), Marketplaces.Ozon)], CancellationToken.None);

        Assert.Equal(new DispatchOutcome("a1", ActionResultStatus.Rejected, "no connector for marketplace 'ozon' is loaded"), result.Single());
    }

    [Fact]
    public async Task AThrowingConnectorFailsItsBatchWithTheReason()
    {
        var connector = new ScriptedConnector((_, _) => throw new HttpRequestException("503 from marketplace"));

        var result = await Dispatcher([connector]).DispatchAsync([Request(new SetPrice(120m))], CancellationToken.None);

        Assert.Equal(ActionResultStatus.RetryableFailure, result.Single().Status);
        Assert.Contains("503 from marketplace", result.Single().Reason);
    }

    [Fact]
    public async Task AHangingConnectorFailsAfterTheTimeout()
    {
        var connector = new ScriptedConnector((_, _) => new TaskCompletionSource<IReadOnlyList<ActionResult>>().Task);

        var result = await Dispatcher([connector], timeoutMilliseconds: 50).DispatchAsync([Request(new SetPrice(120m))], CancellationToken.None);

        Assert.Equal(ActionResultStatus.RetryableFailure, result.Single().Status);
        Assert.Contains("timed out", result.Single().Reason);
    }

    [Fact]
    public async Task AnActionTheConnectorDidNotAnswerFails()
    {
        var connector = new ScriptedConnector((_, _) => Task.FromResult<IReadOnlyList<ActionResult>>([]));

        var result = await Dispatcher([connector]).DispatchAsync([Request(new SetPrice(120m))], CancellationToken.None);

        Assert.Equal(new DispatchOutcome("a1", ActionResultStatus.RetryableFailure, "connector returned no result"), result.Single());
    }

    [Fact]
    public async Task NotifyWithoutChannelsIsRejected()
    {
        var result = await Dispatcher([], channels: []).DispatchAsync([Request(new Notify("purchasing", "restock"))], CancellationToken.None);

        Assert.Equal(new DispatchOutcome("a1", ActionResultStatus.Rejected, "no notification channel is configured"), result.Single());
    }

    [Fact]
    public async Task NotifyStaysPendingWhileAChannelFailsAndRecordsEachChannel()
    {
        INotificationChannel[] channels = [new ThrowingChannel(), new LogNotificationChannel(NullLogger<LogNotificationChannel>.Instance)];

        var result = (await Dispatcher([], channels).DispatchAsync([Request(new Notify("purchasing", "restock"))], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.RetryableFailure, result.Status);
        Assert.Equal(
            [new ChannelDelivery("email", DeliveryStatus.RetryableFailure, "smtp down"), new ChannelDelivery("log", DeliveryStatus.Delivered)],
            result.Deliveries);
    }

    [Fact]
    public async Task NotifyFailsWhenEveryChannelThrows()
    {
        var result = await Dispatcher([], [new ThrowingChannel()]).DispatchAsync([Request(new Notify("purchasing", "restock"))], CancellationToken.None);

        Assert.Equal(ActionResultStatus.RetryableFailure, result.Single().Status);
        Assert.Contains("smtp down", result.Single().Reason);
    }

    [Fact]
    public async Task ARetriedNotifyGoesOnlyToTheChannelsThatHaveNotDeliveredIt()
    {
        var flaky = new FlakyChannel();
        var log = new CountingChannel();
        var dispatcher = Dispatcher([], [flaky, log]);
        var record = Request(new Notify("purchasing", "restock"));

        var first = (await dispatcher.DispatchAsync([record], CancellationToken.None)).Single();
        var second = (await dispatcher.DispatchAsync([record with { Deliveries = first.Deliveries }], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.RetryableFailure, first.Status);
        Assert.Equal(ActionResultStatus.Applied, second.Status);
        Assert.Equal((2, 1), (flaky.Calls, log.Calls));
        Assert.Equal(
            [new ChannelDelivery("counting", DeliveryStatus.Delivered), new ChannelDelivery("flaky", DeliveryStatus.Delivered)],
            second.Deliveries);
    }

    private static ActionDispatcher Dispatcher(IMarketplaceConnector[] connectors, INotificationChannel[]? channels = null, int timeoutMilliseconds = 30_000) =>
        new(
            new ConnectorDirectory(
                connectors,
                channels ?? [new LogNotificationChannel(NullLogger<LogNotificationChannel>.Instance)],
                Options.Create(new PluginRuntimeOptions { CallTimeoutMilliseconds = timeoutMilliseconds })),
            NullLogger<ActionDispatcher>.Instance);

    private static ActionRecord Request(RuleAction action, string marketplace = Marketplaces.Simulator) =>
        Some.Action(sku: "kettle", action: action) with { ActionId = "a1", Sku = new SkuKey(marketplace, Some.ShopId, "kettle") };

    private sealed class ScriptedConnector(Func<IReadOnlyList<ActionRequest>, CancellationToken, Task<IReadOnlyList<ActionResult>>> apply) : IMarketplaceConnector
    {
        public string Marketplace => Marketplaces.Simulator;

        public ConnectorCapabilities Capabilities { get; } = new() { ActionKinds = [.. Enum.GetValues<ActionKind>().Where(k => k != ActionKind.Notify)] };

        public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken) =>
            apply(actions, cancellationToken);
    }

    private sealed class ThrowingChannel : INotificationChannel
    {
        public string Name => "email";

        public Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("smtp down");
    }

    private sealed class FlakyChannel : INotificationChannel
    {
        public int Calls { get; private set; }

        public string Name => "flaky";

        public Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken) =>
            Task.FromResult(++Calls == 1 ? new DeliveryResult(DeliveryStatus.RetryableFailure, "busy") : DeliveryResult.Delivered);
    }

    private sealed class CountingChannel : INotificationChannel
    {
        public int Calls { get; private set; }

        public string Name => "counting";

        public Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(DeliveryResult.Delivered);
        }
    }
}
