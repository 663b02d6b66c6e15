using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Marketpilot.Plugins;

/// <summary>Adds plugin loading to the host.</summary>
public static class PluginServiceCollectionExtensions
{
    /// <summary>
    /// Loads every plugin under <c>Marketpilot:Plugins:Path</c> now, adds the services each registers, and
    /// registers the <see cref="PluginCatalog"/>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's root configuration; each plugin gets its section <c>Marketpilot:Plugins:&lt;id&gt;</c>.</param>
    /// <returns><paramref name="services"/>, so calls chain.</returns>
    /// <remarks>
    /// Plugins load during this call because their services must be in the container before it is built.
    /// A plugin sees (and its <c>TryAdd</c> calls respect) only the services registered before this call.
    /// A plugin that fails is marked <see cref="PluginStatus.Failed"/> and none of its services are added;
    /// a missing plugins folder gives an empty catalog. Outcomes are logged when the host starts. Calling
    /// this method again does nothing.
    /// </remarks>
    public static IServiceCollection AddMarketpilotPlugins(this IServiceCollection services, IConfiguration configuration) =>
        services.AddMarketpilotPlugins(configuration, _ => { });

    /// <summary>
    /// Loads every plugin as <see cref="AddMarketpilotPlugins(IServiceCollection, IConfiguration)"/> does, with
    /// <paramref name="configure"/> applied to the options bound from <c>Marketpilot:Plugins</c>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's root configuration; each plugin gets its section <c>Marketpilot:Plugins:&lt;id&gt;</c>.</param>
    /// <param name="configure">Changes the options after binding, for example to point <see cref="PluginOptions.Path"/> elsewhere.</param>
    /// <returns><paramref name="services"/>, so calls chain.</returns>
    public static IServiceCollection AddMarketpilotPlugins(
        this IServiceCollection services, IConfiguration configuration, Action<PluginOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);

        if (services.Any(d => d.ServiceType == typeof(PluginCatalog)))
        {
            return services;
        }

        var options = new PluginOptions();
        var path = configuration.GetSection(PluginOptions.SectionName)[nameof(PluginOptions.Path)];
        if (!string.IsNullOrWhiteSpace(path))
        {
            options.Path = path;
        }

        configure(options);

        var catalog = PluginFolderLoader.LoadAll(services, configuration, options.ResolvePath(), HostSdkVersion.Current);

        services.AddOptions<PluginOptions>().Configure(o => o.Path = options.Path);
        services.AddSingleton(catalog);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PluginCatalogReporter>());
        return services;
    }
}
