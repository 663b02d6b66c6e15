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
