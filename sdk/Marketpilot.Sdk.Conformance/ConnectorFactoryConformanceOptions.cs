using Marketpilot.Sdk.Shops;

namespace Marketpilot.Sdk.Conformance;

/// <summary>How <see cref="ConnectorFactoryConformance"/> exercises a connector factory.</summary>
public sealed record ConnectorFactoryConformanceOptions
{
    /// <summary>
    /// The shop to run the connector checks against (settings and credentials pointing at a test marketplace or an
    /// emulator); its <see cref="ShopConnection.Marketplace"/> is replaced by the factory's.
    /// </summary>
    /// <value>
    /// The default, <see langword="null"/>, runs only the checks that need no marketplace: every connector check but
    /// <see cref="ConformanceCheckNames.Capabilities"/> is then <see cref="ConformanceOutcome.Skipped"/>, never passed.
    /// </value>
    public ShopConnection? Shop { get; init; }

    /// <summary>The currency of the placeholder shop the offline checks create connectors for.</summary>
    /// <value>The default is <c>XXX</c> (no currency); give the marketplace's own when the factory accepts only it.</value>
    public string Currency { get; init; } = "XXX";

    /// <summary>How the connector checks exercise the connector the factory creates for <see cref="Shop"/>.</summary>
    /// <value>The default is <see cref="ConnectorConformanceOptions"/>' defaults (apply checks included).</value>
    public ConnectorConformanceOptions Connector { get; init; } = new();

    /// <summary>How long one call of <see cref="IMarketplaceConnectorFactory.Create"/> may take before the check fails.</summary>
    /// <value>The default is 10 seconds; <c>Create</c> must not call the marketplace, so it returns at once.</value>
    public TimeSpan CreateTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Why the connector checks that need a marketplace were skipped when <see cref="Shop"/> is not set.</summary>
    /// <value>The default says that no shop was given.</value>
    public string NoShopReason { get; init; } = "needs a shop to test against (ConnectorFactoryConformanceOptions.Shop); not run";
}
