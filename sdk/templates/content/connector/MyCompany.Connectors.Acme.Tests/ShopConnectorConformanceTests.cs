using System.Globalization;
using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;
using Marketpilot.Sdk.TestKit;
using Microsoft.Extensions.Configuration;

namespace MyCompany.Connectors.Acme.Tests;

/// <summary>The kit's connector checks, each its own test, on a connector the factory creates for a shop at the emulator.</summary>
public sealed class ShopConnectorConformanceTests : ConnectorConformanceTests, IAsyncLifetime
{
    private const string ApiKey = "test-api-key";
    private readonly MarketplaceEmulator _emulator = new(ApiKey);

    public Task InitializeAsync() => _emulator.StartAsync();

    public Task DisposeAsync() => _emulator.DisposeAsync().AsTask();

    internal static ShopConnection Shop(Uri baseAddress, string apiKey, string stateDirectory)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Settings:BaseUrl"] = baseAddress.ToString(), ["Credentials:ApiKey"] = apiKey })
            .Build();
        return new ShopConnection
        {
            Marketplace = ShopConnectorFactory.MarketplaceId,
            ShopId = "test-shop",
            Currency = "RUB",
            Settings = configuration.GetSection("Settings"),
            Credentials = configuration.GetSection("Credentials"),
            StateDirectory = stateDirectory,
        };
    }

    protected override IMarketplaceConnector CreateConnector() =>
        new ShopConnectorFactory().Create(Shop(_emulator.BaseAddress, ApiKey, Path.GetTempPath()));

    // Lets the idempotency check see that replaying a key changed nothing at the marketplace.
    protected override ConnectorConformanceOptions CreateOptions() => new()
    {
        Observe = (_, sku, _) => Task.FromResult(_emulator.PriceOf(sku.Sku).ToString(CultureInfo.InvariantCulture)),
    };
}
