using Marketpilot.Connectors.Kaspi.Tests.Support;
using Marketpilot.Sdk.Plugins;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.Connectors.Kaspi.Tests;

public sealed class KaspiConnectorFactoryTests : ShopTests
{
    [Fact]
    public void CreatingAConnectorCallsNothingOnKaspi()
    {
        using var connector = Shop.Connect();

        Assert.Equal(("kaspi", 0), (connector.Marketplace, Shop.Emulator.Requests));
        Assert.IsType<IOfferFeedSource>(connector, exactMatch: false);
    }

    [Theory]
    [InlineData("MerchantId", null, "Settings:MerchantId is missing")]
    [InlineData("MerchantId", "30 32", "Settings:MerchantId must be letters and digits")]
    [InlineData("CompanyName", "", "Settings:CompanyName is missing")]
    [InlineData("StoreIds", null, "Settings:StoreIds is missing")]
    [InlineData("StoreIds", "PP1,PP1", "Settings:StoreIds lists a pickup point twice")]
    [InlineData("CityIds", "almaty", "Settings:CityIds holds a code that is not a 9-digit Kaspi city code")]
    [InlineData("BaseUrl", "kaspi.kz/shop/api", "Settings:BaseUrl is not an absolute http(s) URL")]
    [InlineData("BackfillDays", "365", "Settings:BackfillDays must be a whole number from 1 to 90")]
    [InlineData("RefreshDays", "15", "Settings:RefreshDays must be a whole number from 1 to 14")]
    [InlineData("RequestsPerSecond", "0", "Settings:RequestsPerSecond must be a whole number from 1 to 20")]
    [InlineData("RequestTimeoutSeconds", "x", "Settings:RequestTimeoutSeconds must be a whole number from 1 to 300")]
    public void ABadSettingIsNamedWithoutItsValue(string key, string? value, string message)
    {
        Shop.Settings[key] = value;

        var error = Assert.Throws<ArgumentException>(() => new KaspiConnectorFactory().Create(Shop.Connection()));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(value) || !error.Message.Contains($"'{value}'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "Credentials:Token is missing")]
    [InlineData("secret token\n", "Credentials:Token holds characters an HTTP header cannot carry")]
    public void ABadTokenIsNamedWithoutItsValue(string? token, string message)
    {
        var connection = Shop.Connection() with
        {
            Credentials = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Token"] = token }).Build(),
        };

        var error = Assert.Throws<ArgumentException>(() => new KaspiConnectorFactory().Create(connection));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShopInAnotherCurrencyIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new KaspiConnectorFactory().Create(Shop.Connection() with { Currency = "RUB" }));

        Assert.Contains("Currency must be KZT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePluginRegistersTheKaspiFactory()
    {
        var services = new ServiceCollection();

        ((IPluginServiceRegistrator)new KaspiPlugin()).RegisterServices(services, new ConfigurationBuilder().Build());

        using var provider = services.BuildServiceProvider();
        Assert.Equal("kaspi", provider.GetRequiredService<IMarketplaceConnectorFactory>().Marketplace);
    }
}
