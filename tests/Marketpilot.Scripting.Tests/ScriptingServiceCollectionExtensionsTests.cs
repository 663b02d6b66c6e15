using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Scripting.Tests;

public sealed class ScriptingServiceCollectionExtensionsTests
{
    [Fact]
    public void OptionsAreBoundFromTheMarketpilotScriptingSection()
    {
        using var services = Build(new() { ["Marketpilot:Scripting:ScriptsPath"] = "rules", ["Marketpilot:Scripting:TimeoutMilliseconds"] = "250" });

        var options = services.GetRequiredService<IOptions<ScriptingOptions>>().Value;

        Assert.Equal(("rules", 250), (options.ScriptsPath, options.TimeoutMilliseconds));
        Assert.IsType<RuleCatalog>(services.GetRequiredService<IRuleRunner>());
    }

    [Fact]
    public void DefaultsApplyWithoutConfiguration()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<ScriptingOptions>>().Value;

        Assert.Equal(("scripts", 1000), (options.ScriptsPath, options.TimeoutMilliseconds));
    }

    [Fact]
    public void TimeoutOutOfRangeIsRejectedNamingTheKey()
    {
        using var services = Build(new() { ["Marketpilot:Scripting:TimeoutMilliseconds"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ScriptingOptions>>().Value);

        Assert.Contains("TimeoutMilliseconds", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxSteps", "0")]
    [InlineData("MaxDepth", "1")]
    [InlineData("MaxAllocatedBytes", "100")]
    [InlineData("QuarantineAfterFailures", "0")]
    [InlineData("BudgetCeilingFactor", "1000")]
    public void BudgetOutOfRangeIsRejectedNamingTheKey(string key, string value)
    {
        using var services = Build(new() { ["Marketpilot:Scripting:" + key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ScriptingOptions>>().Value);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BudgetsAndCacheAreBound()
    {
        using var services = Build(new()
        {
            ["Marketpilot:Scripting:MaxSteps"] = "5000",
            ["Marketpilot:Scripting:MaxDepth"] = "20",
            ["Marketpilot:Scripting:MaxAllocatedBytes"] = "1048576",
            ["Marketpilot:Scripting:TimeoutMilliseconds"] = "300",
            ["Marketpilot:Scripting:QuarantineAfterFailures"] = "3",
            ["Marketpilot:Scripting:CachePath"] = "data/rule-cache",
        });

        var options = services.GetRequiredService<IOptions<ScriptingOptions>>().Value;

        Assert.Equal(new RuleLimits(5000, 20, 1048576, TimeSpan.FromMilliseconds(300)), options.Limits);
        Assert.Equal(new RuleLimits(50_000, 200, 10485760, TimeSpan.FromSeconds(3)), options.LimitsCeiling);
        Assert.Equal((3, "data/rule-cache"), (options.QuarantineAfterFailures, options.CachePath));
        Assert.NotNull(services.GetRequiredService<RuleCompiler>());
    }

    [Fact]
    public void CatalogIsOneSingletonBehindEveryService()
    {
        using var services = new ServiceCollection().AddSingleton(typeof(ILogger<>), typeof(NullLogger<>)).AddMarketpilotScripting(o => o.ScriptsPath = "x").BuildServiceProvider();

        Assert.Same(services.GetRequiredService<RuleCatalog>(), services.GetRequiredService<IRuleRunner>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton(typeof(ILogger<>), typeof(NullLogger<>)).AddMarketpilotScripting(configuration).BuildServiceProvider();
    }
}
