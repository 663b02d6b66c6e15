using Marketpilot.Connectors.Simulator.Tests.Support;
using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace Marketpilot.Connectors.Simulator.Tests;

/// <summary>The simulator against the connector contract: every check of the conformance kit.</summary>
public sealed class SimulatorConformanceTests : ConnectorConformanceTests
{
    protected override IMarketplaceConnector CreateConnector() =>
        new SimulatorConnector(Some.Options(), new FakeTimeProvider(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)));

    // The simulator can show what an action changed, so the idempotency check also compares the shop's state.
    protected override ConnectorConformanceOptions CreateOptions() => new()
    {
        Observe = (connector, sku, _) => Task.FromResult(((SimulatorConnector)connector).DescribeSku(sku.Sku)),
    };
}
