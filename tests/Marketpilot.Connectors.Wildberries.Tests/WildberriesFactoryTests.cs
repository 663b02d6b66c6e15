using Marketpilot.Connectors.Wildberries.Tests.Support;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Connectors.Wildberries.Tests;

public sealed class WildberriesFactoryTests
{
    [Fact]
    public async Task AMissingTokenIsNamedWithoutCallingTheMarketplace()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 1);

        var error = Assert.Throws<ArgumentException>(() => new WildberriesConnectorFactory().Create(shop.Connection(token: null)));

        Assert.Equal("Token", error.ParamName);
        Assert.Contains("Credentials:Token is missing", error.Message);
        Assert.Empty(shop.Emulator.Requests);
    }

    [Fact]
    public async Task ABadBaseUrlIsNamedAndATokenThatCannotBeAHeaderIsRefusedWithoutEchoingIt()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 1);
        var factory = new WildberriesConnectorFactory();

        var url = Assert.Throws<ArgumentException>(() => factory.Create(shop.Connection(new() { ["PricesBaseUrl"] = "ftp://prices" })));
        var token = Assert.Throws<ArgumentException>(() => factory.Create(shop.Connection(token: "secret\nvalue")));

        Assert.Equal("PricesBaseUrl", url.ParamName);
        Assert.Contains("Settings:PricesBaseUrl", url.Message);
        Assert.Equal("Token", token.ParamName);
        Assert.DoesNotContain("secret", token.Message);
    }

    [Fact]
    public async Task CreatingAConnectorCallsNothingAndTheDefaultsAreProductionHosts()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 1);
        var connection = shop.Connection() with { Settings = new ConfigurationBuilder().Build() };

        await using var connector = (WildberriesConnector)new WildberriesConnectorFactory().Create(connection);
        var settings = WildberriesSettings.From(connection.Settings, connection.Credentials);

        Assert.Empty(shop.Emulator.Requests);
        Assert.Equal("https://discounts-prices-api.wildberries.ru/", settings.PricesBaseUrl.ToString());
        Assert.Equal("https://advert-api.wildberries.ru/", settings.AdvertBaseUrl.ToString());
    }

    [Fact]
    public void ThePluginRegistersAFactoryForWildberries()
    {
        var services = new ServiceCollection();

        new WildberriesPlugin().RegisterServices(services, new ConfigurationBuilder().Build());

        using var provider = services.BuildServiceProvider();
        Assert.Equal("wildberries", provider.GetRequiredService<IMarketplaceConnectorFactory>().Marketplace);
    }
}
