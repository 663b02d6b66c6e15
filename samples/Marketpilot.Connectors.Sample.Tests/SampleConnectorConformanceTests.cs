using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketpilot.Connectors.Sample.Tests;

/// <summary>Every connector check of the conformance kit, run against the sample connector.</summary>
public sealed class SampleConnectorConformanceTests : ConnectorConformanceTests
{
    protected override IMarketplaceConnector CreateConnector() =>
        new SampleConnector(new SampleOptions { ApiKey = "test-key" }, new SampleMarketplace(), NullLogger<SampleConnector>.Instance);

    // The in-memory marketplace can show a SKU's price, so the idempotency check also proves a replay changed nothing.
    protected override ConnectorConformanceOptions CreateOptions() => new()
    {
        Observe = (connector, sku, _) => Task.FromResult(((SampleConnector)connector).Api.PriceOf(sku.Sku).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };
}
