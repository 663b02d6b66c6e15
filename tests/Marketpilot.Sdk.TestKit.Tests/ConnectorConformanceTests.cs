using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Sdk.TestKit.Tests;

public sealed class ConnectorConformanceBehaviourTests
{
    [Fact]
    public async Task AWellBehavedConnectorPassesEveryCheck()
    {
        var results = await Run(new ConfigurableConnector());

        Assert.Equal(ConformanceCheckNames.Connector, results.Select(r => r.Name));
        Assert.All(results, r => Assert.True(r.Outcome == ConformanceOutcome.Passed, r.ToString()));
    }

    public static TheoryData<string, string, string> BrokenConnectors => new()
    {
        { "bad-marketplace", ConformanceCheckNames.Capabilities, "not well-formed" },
        { "notify-capability", ConformanceCheckNames.Capabilities, "Notify" },
        { "zero-batch", ConformanceCheckNames.Capabilities, "MaxBatchSize is 0" },
        { "loops", ConformanceCheckNames.PullPagination, "repeats the cursor" },
        { "campaigns-undeclared", ConformanceCheckNames.PullMatchesCapabilities, "CanPullCampaigns is false" },
        { "drops-results", ConformanceCheckNames.ApplyBatchLimit, "got no result" },
        { "forgets-keys", ConformanceCheckNames.ApplyIdempotent, "changed acme/shop/S-1" },
        { "applies-everything", ConformanceCheckNames.ApplyUnsupportedKind, "must be Rejected with a reason" },
        { "throws-on-unknown-sku", ConformanceCheckNames.ApplyErrorMapping, "threw InvalidOperationException: 404" },
        { "ignores-cancellation", ConformanceCheckNames.Cancellation, "returned normally" },
    };

    [Theory]
    [MemberData(nameof(BrokenConnectors))]
    public async Task EachBrokenRuleFailsItsNamedCheck(string broken, string check, string message)
    {
        var connector = Broken(broken);
        var observe = new ConnectorConformanceOptions { Observe = (c, sku, _) => Task.FromResult(((ConfigurableConnector)c).PriceOf(sku.Sku).ToString(System.Globalization.CultureInfo.InvariantCulture)) };

        var result = await new ConnectorConformance(() => connector, observe).RunAsync(check);

        Assert.Equal(ConformanceOutcome.Failed, result.Outcome);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryUnsupportedKindIsSentAsItself()
    {
        var result = await new ConnectorConformance(() => new ConfigurableConnector()).RunAsync(ConformanceCheckNames.ApplyUnsupportedKind);

        var expected = Enum.GetValues<ActionKind>().Where(k => k != ActionKind.SetPrice).Select(k => k.ToString());
        Assert.Equal(ConformanceOutcome.Passed, result.Outcome);
        Assert.EndsWith($"{string.Join(", ", expected)} rejected with reasons", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHangingConnectorFailsAfterTheCallTimeout()
    {
        var result = await new ConnectorConformance(() => new HangingConnector(), new() { CallTimeout = TimeSpan.FromMilliseconds(50) })
            .RunAsync(ConformanceCheckNames.PullPagination);

        Assert.Equal(ConformanceOutcome.Failed, result.Outcome);
        Assert.Contains("did not return within", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyChecksAreSkippedWhenTurnedOffOrForAReadOnlyConnector()
    {
        var off = await Run(new ConfigurableConnector(), new() { IncludeApplyChecks = false });
        var readOnly = await Run(new ConfigurableConnector { Capabilities = new() { CanPullCatalog = true } });

        Assert.Equal(ConformanceOutcome.Skipped, off.Single(r => r.Name == ConformanceCheckNames.ApplyIdempotent).Outcome);
        Assert.Equal(ConformanceOutcome.Skipped, readOnly.Single(r => r.Name == ConformanceCheckNames.ApplyBatchLimit).Outcome);
        Assert.All(readOnly, r => Assert.True(r.Succeeded, r.ToString()));
    }

    [Fact]
    public async Task AConnectorThatThrowsOnCreationFailsEveryCheckByName()
    {
        var results = await new ConnectorConformance(() => throw new InvalidOperationException("no api key")).RunAllAsync();

        Assert.All(results, r => Assert.Contains("no api key", r.Message, StringComparison.Ordinal));
        Assert.All(results, r => Assert.Equal(ConformanceOutcome.Failed, r.Outcome));
    }

    [Fact]
    public async Task AnUnknownCheckNameIsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => new ConnectorConformance(() => new ConfigurableConnector()).RunAsync("nope"));
    }

    private static async Task<IReadOnlyList<ConformanceCheckResult>> Run(IMarketplaceConnector connector, ConnectorConformanceOptions? options = null) =>
        await new ConnectorConformance(() => connector, options).RunAllAsync();

    private static ConfigurableConnector Broken(string how) => how switch
    {
        "bad-marketplace" => new() { Marketplace = "Acme Market" },
        "notify-capability" => new() { Capabilities = new() { ActionKinds = [ActionKind.SetPrice, ActionKind.Notify], CanPullCatalog = true } },
        "zero-batch" => new() { Capabilities = new() { ActionKinds = [ActionKind.SetPrice], CanPullCatalog = true, MaxBatchSize = 0 } },
        "loops" => new() { LoopsForever = true },
        "campaigns-undeclared" => new() { AddsCampaigns = true },
        "drops-results" => new() { DropsLastResult = true },
        "forgets-keys" => new() { ForgetsKeys = true },
        "applies-everything" => new() { AppliesEverything = true },
        "throws-on-unknown-sku" => new() { ThrowsOnUnknownSku = true },
        "ignores-cancellation" => new() { IgnoresCancellation = true },
        _ => throw new ArgumentOutOfRangeException(nameof(how)),
    };

    private sealed class HangingConnector : IMarketplaceConnector
    {
        public string Marketplace => "acme";

        public ConnectorCapabilities Capabilities { get; } = new() { CanPullCatalog = true };

        public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken) => new TaskCompletionSource<CatalogPage>().Task;

        public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken) =>
            new TaskCompletionSource<IReadOnlyList<ActionResult>>().Task;
    }
}
