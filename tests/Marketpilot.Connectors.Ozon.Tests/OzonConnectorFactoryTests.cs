using Marketpilot.Connectors.Ozon.Tests.Support;
using Marketpilot.Emulators.Ozon;
using Marketpilot.Sdk.Actions;
using Microsoft.Extensions.Time.Testing;

namespace Marketpilot.Connectors.Ozon.Tests;

public sealed class OzonConnectorFactoryTests() : OzonShopTests(products: 30)
{
    [Theory]
    [InlineData("Credentials:ClientId")]
    [InlineData("Credentials:ApiKey")]
    public void AMissingCredentialIsNamedInTheError(string key)
    {
        var shop = Shop.Connection(edit: v => v.Remove(key));

        var error = Assert.Throws<ArgumentException>(() => new OzonConnectorFactory(TimeProvider.System).Create(shop));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidValueIsNamedButNotShown()
    {
        var shop = Shop.Connection(edit: v => v["Credentials:ClientId"] = "not-a-number-secret");

        var error = Assert.Throws<ArgumentException>(() => new OzonConnectorFactory(TimeProvider.System).Create(shop));

        Assert.Contains("Credentials:ClientId", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-number-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HalfOfThePerformanceCredentialsIsRefused()
    {
        var shop = Shop.Connection(edit: v => v.Remove("Credentials:PerformanceClientSecret"));

        var error = Assert.Throws<ArgumentException>(() => new OzonConnectorFactory(TimeProvider.System).Create(shop));

        Assert.Contains("Credentials:PerformanceClientSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OzonEmulator.PerformanceClientId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABaseUrlThatIsNotAnHttpUrlIsRefused()
    {
        var shop = Shop.Connection(edit: v => v["Settings:SellerBaseUrl"] = "ftp://example");

        var error = Assert.Throws<ArgumentException>(() => new OzonConnectorFactory(TimeProvider.System).Create(shop));

        Assert.Contains("Settings:SellerBaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatingAConnectorCallsNothingOnOzon()
    {
        using var connector = (OzonConnector)new OzonConnectorFactory(new FakeTimeProvider()).Create(Shop.Connection());

        Assert.Equal("ozon", connector.Marketplace);
        Assert.Empty(Shop.Emulator.Requests);
    }

    [Fact]
    public void WithoutPerformanceCredentialsAdKindsAreDeclaredUnsupportedAndCampaignsAreNotPulled()
    {
        var capabilities = Shop.Connector(ads: false).Capabilities;

        Assert.False(capabilities.CanPullCampaigns);
        Assert.DoesNotContain(ActionKind.PauseAds, capabilities.ActionKinds);
        Assert.Contains("PerformanceClientId", capabilities.UnsupportedReasons[ActionKind.SetBid], StringComparison.Ordinal);
        Assert.Empty(capabilities.Validate());
    }

    [Fact]
    public void CouponsAreDeclaredUnsupportedWithTheReason()
    {
        var capabilities = Shop.Connector().Capabilities;

        Assert.Contains("discounts buyers request", capabilities.UnsupportedReasons[ActionKind.CreateCoupon], StringComparison.Ordinal);
        Assert.Contains(ActionKind.SetBudget, capabilities.ActionKinds);
        Assert.False(capabilities.PulledMetrics.HasFlag(Sdk.Catalog.MetricKinds.Clicks));
    }

    [Fact]
    public void ThePluginRegistersTheFactory()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        new OzonPlugin().RegisterServices(services, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

        var factory = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Sdk.Shops.IMarketplaceConnectorFactory>(
            Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services));

        Assert.Equal("ozon", factory.Marketplace);
    }
}
