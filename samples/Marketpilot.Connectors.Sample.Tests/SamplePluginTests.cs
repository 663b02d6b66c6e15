using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.Connectors.Sample.Tests;

/// <summary>The plugin's own behaviour: registration and options. Write tests like these for your connector's mapping.</summary>
public sealed class SamplePluginTests
{
    [Fact]
    public void RegistersTheConnectorFromItsSection()
    {
        var services = new ServiceCollection();

        new SamplePlugin().RegisterServices(services, Section(("ApiKey", "k-123"), ("ShopId", "my-shop")));

        var connector = services.BuildServiceProvider().GetRequiredService<IMarketplaceConnector>();
        Assert.Equal("sample", connector.Marketplace);
    }

    [Fact]
    public void AMissingApiKeyFailsNamingTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => new SamplePlugin().RegisterServices(new ServiceCollection(), Section()));

        Assert.Equal("Marketpilot:Plugins:sample:ApiKey is required. (Parameter 'ApiKey')", error.Message);
    }

    [Fact]
    public void ABadSettingNeverEchoesTheSecret()
    {
        var error = Assert.Throws<ArgumentException>(() => new SamplePlugin().RegisterServices(new ServiceCollection(), Section(("ApiKey", "s3cr3t"), ("PageSize", "0"))));

        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
        Assert.Contains("PageSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagesFollowTheCursorToTheEnd()
    {
        var services = new ServiceCollection();
        new SamplePlugin().RegisterServices(services, Section(("ApiKey", "k"), ("PageSize", "50")));
        var connector = services.BuildServiceProvider().GetRequiredService<IMarketplaceConnector>();

        var first = await connector.PullAsync(null, CancellationToken.None);
        var second = await connector.PullAsync(first.NextCursor, CancellationToken.None);
        var third = await connector.PullAsync(second.NextCursor, CancellationToken.None);

        Assert.Equal([50, 50, 20], new[] { first, second, third }.Select(p => p.Skus.Count));
        Assert.Equal([true, true, false], new[] { first, second, third }.Select(p => p.HasMore));
    }

    private static IConfiguration Section(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create<string, string?>(v.Key, v.Value))).Build();
}
