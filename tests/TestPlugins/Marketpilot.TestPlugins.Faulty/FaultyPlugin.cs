using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.TestPlugins.Faulty;

/// <summary>Registers the <c>faulty</c> connector; <c>ControlFile</c> says how it behaves, <c>ThrowInConstructor</c> breaks it at load.</summary>
public sealed class FaultyPlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        var controlFile = configuration["ControlFile"] ?? Path.Combine(Path.GetTempPath(), "marketpilot-faulty-control");
        var throwInConstructor = string.Equals(configuration["ThrowInConstructor"], "true", StringComparison.OrdinalIgnoreCase);
        services.AddSingleton<IMarketplaceConnector>(_ => new FaultyConnector(controlFile, throwInConstructor));
    }
}
