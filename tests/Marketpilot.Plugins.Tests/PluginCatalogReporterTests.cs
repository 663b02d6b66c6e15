using Marketpilot.Plugins.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Plugins.Tests;

public sealed class PluginCatalogReporterTests
{
    [Fact]
    public async Task EachPluginOutcomeIsLoggedAtStart()
    {
        var logs = new CollectingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddMarketpilotPlugins(TestHost.Configuration("plugins"));
        await using var provider = services.BuildServiceProvider();

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Loaded plugin simulator 0.1.0 from", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.StartsWith("Plugin throwing at", StringComparison.Ordinal) && e.Message.EndsWith("Skipping it.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingPluginsFolderIsLoggedAsAWarning()
    {
        var logs = new CollectingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddMarketpilotPlugins(TestHost.Configuration("no-such-plugins-folder"));
        await using var provider = services.BuildServiceProvider();

        await provider.GetServices<IHostedService>().OfType<PluginCatalogReporter>().Single().StartAsync(CancellationToken.None);

        var warning = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("no-such-plugins-folder", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CallingAddMarketpilotPluginsTwiceLoadsOnce()
    {
        var services = new ServiceCollection();

        services.AddMarketpilotPlugins(TestHost.Configuration("plugins"));
        services.AddMarketpilotPlugins(TestHost.Configuration("plugins"));

        Assert.Single(services, d => d.ServiceType == typeof(PluginCatalog));
        Assert.Single(services, d => d.ServiceType == typeof(PluginRegistry));
    }
}
