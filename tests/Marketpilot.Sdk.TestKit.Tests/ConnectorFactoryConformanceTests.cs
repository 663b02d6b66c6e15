using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Sdk.TestKit.Tests;

public sealed class ConnectorFactoryConformanceTests
{
    [Fact]
    public async Task WithoutAShopTheFactoryChecksPassAndEveryOnlineCheckIsSkipped()
    {
        var results = await RunAsync(new ConfigurableFactory());

        Assert.Equal([.. ConformanceCheckNames.Factory, .. ConformanceCheckNames.Connector], results.Select(r => r.Name));
        Assert.All(results.Take(4), r => Assert.True(r.Outcome == ConformanceOutcome.Passed, r.ToString()));
        Assert.Contains("asked in turn for Credentials:Token, Settings:BaseUrl", results[1].Message, StringComparison.Ordinal);
        Assert.All(results.Skip(4), r => Assert.Equal(ConformanceOutcome.Skipped, r.Outcome));
    }

    [Fact]
    public async Task WithAShopEveryConnectorCheckRunsOnTheConnectorCreatedForIt()
    {
        var shop = Shop(new() { ["Settings:BaseUrl"] = "http://127.0.0.1:9/", ["Credentials:Token"] = "t" });

        var results = await RunAsync(new ConfigurableFactory(), new() { Shop = shop });

        Assert.All(results, r => Assert.True(r.Outcome == ConformanceOutcome.Passed, r.ToString()));
    }

    [Fact]
    public async Task AShopTheFactoryRefusesFailsEveryConnectorCheckNamingTheRefusal()
    {
        var shop = Shop(new() { ["Settings:BaseUrl"] = "http://127.0.0.1:9/" });

        var results = await RunAsync(new ConfigurableFactory(), new() { Shop = shop });

        Assert.All(results.Skip(3), r => Assert.True(r.Outcome == ConformanceOutcome.Failed && r.Message.Contains("Credentials:Token is missing", StringComparison.Ordinal), r.ToString()));
    }

    public static TheoryData<string, string, string> BrokenFactories => new()
    {
        { "bad-marketplace", ConformanceCheckNames.FactoryMarketplace, "not well-formed" },
        { "echoes-values", ConformanceCheckNames.FactoryRefusesMissingSettings, "repeats a value it was given" },
        { "throws-invalid-operation", ConformanceCheckNames.FactoryRefusesMissingSettings, "throw an ArgumentException naming the key" },
        { "names-no-key", ConformanceCheckNames.FactoryRefusesMissingSettings, "names no key" },
        { "hangs", ConformanceCheckNames.FactoryRefusesMissingSettings, "did not return within 0.2 s" },
        { "connects-while-creating", ConformanceCheckNames.FactoryCreatesOffline, "must not call the marketplace" },
        { "other-marketplace", ConformanceCheckNames.FactoryCreatesOffline, "the factory's 'acme'" },
    };

    [Theory]
    [MemberData(nameof(BrokenFactories))]
    public async Task EachBrokenRuleFailsItsNamedCheck(string broken, string check, string message)
    {
        var factory = Broken(broken);

        var results = await RunAsync(factory, new() { CreateTimeout = factory.Hangs ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(30) });
        factory.HangEnds.Set();

        var result = results.Single(r => r.Name == check);
        Assert.True(result.Outcome == ConformanceOutcome.Failed, result.ToString());
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
    }

    private static ConfigurableFactory Broken(string name) => name switch
    {
        "bad-marketplace" => new() { Marketplace = "Acme Market" },
        "echoes-values" => new() { EchoesValues = true },
        "throws-invalid-operation" => new() { ThrowsInvalidOperation = true },
        "names-no-key" => new() { NamesNoKey = true },
        "hangs" => new() { Hangs = true },
        "connects-while-creating" => new() { ConnectsWhileCreating = true },
        "other-marketplace" => new() { CreatedMarketplace = "other" },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static Task<IReadOnlyList<ConformanceCheckResult>> RunAsync(ConfigurableFactory factory, ConnectorFactoryConformanceOptions? options = null) =>
        new ConnectorFactoryConformance(factory, options).RunAllAsync();

    private static ShopConnection Shop(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ShopConnection
        {
            Marketplace = "acme",
            ShopId = "shop",
            Currency = "RUB",
            Settings = configuration.GetSection("Settings"),
            Credentials = configuration.GetSection("Credentials"),
            StateDirectory = Path.GetTempPath(),
        };
    }
}
